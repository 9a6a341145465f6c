package dev.parley.server.config;

/** Groups: how many members one may hold. */
public record GroupsConfig(int maxMembers) {
  public static final GroupsConfig DEFAULTS = new GroupsConfig(1024);

  public GroupsConfig {
    if (maxMembers < 2 || maxMembers > 100_000) {
      throw new ConfigException("groups.max-members", maxMembers + " is out of range 2..100000");
    }
  }
}
