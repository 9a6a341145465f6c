package dev.parley.protocol;

/** Who may do what in a group: only admins send (an announcement group); only admins edit name and description. */
public record GroupSettings(boolean onlyAdminsSend, boolean onlyAdminsEditInfo) {
  public static final GroupSettings DEFAULTS = new GroupSettings(false, false);
}
