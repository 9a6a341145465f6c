package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JacksonException;
import java.util.List;

/**
 * A change to a group, recorded in the conversation as a system message with its own seq, so every
 * member sees "Alice added Bob" in order with the messages around it. {@code actor} made the change;
 * {@code members} are the accounts it was about (added, removed, promoted...); the other fields are
 * set only for the changes they describe.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupEvent(
    Type type, AccountId actor, List<AccountId> members, String name, String description, GroupSettings settings) {

  public enum Type {
    CREATED("created"),
    MEMBERS_ADDED("members-added"),
    MEMBER_REMOVED("member-removed"),
    MEMBER_LEFT("member-left"),
    JOINED_BY_INVITE("joined-by-invite"),
    PROMOTED("promoted"),
    DEMOTED("demoted"),
    RENAMED("renamed"),
    DESCRIPTION_CHANGED("description-changed"),
    SETTINGS_CHANGED("settings-changed");

    private final String wireName;

    Type(String wireName) {
      this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
      return wireName;
    }

    @JsonCreator
    public static Type fromWire(String name) {
      for (var type : values()) {
        if (type.wireName.equals(name)) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown group event " + name);
    }
  }

  public GroupEvent {
    members = members == null ? List.of() : List.copyOf(members);
  }

  public static GroupEvent of(Type type, AccountId actor, List<AccountId> members) {
    return new GroupEvent(type, actor, members, null, null, null);
  }

  /** The event as stored and sent: compact JSON. */
  public String toJson() {
    try {
      return Json.mapper().writeValueAsString(this);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode a group event", e);
    }
  }

  public static GroupEvent fromJson(String json) {
    try {
      return Json.mapper().readValue(json, GroupEvent.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a group event: " + json, e);
    }
  }
}
