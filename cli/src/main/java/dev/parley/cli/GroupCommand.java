package dev.parley.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.parley.client.ParleyClient;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code group create|add|remove|leave|list|info}: thin commands over a {@link GroupsGateway}. */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Create and manage group chats.",
    subcommands = {GroupCommand.Create.class, GroupCommand.Add.class, GroupCommand.Remove.class, GroupCommand.Leave.class,
        GroupCommand.ListGroups.class, GroupCommand.Info.class})
final class GroupCommand {
  @ParentCommand
  ParleyCommand root;

  @JsonPropertyOrder({"type", "conversationId", "name", "members"})
  record GroupLine(String type, String conversationId, String name, List<MemberLine> members) {}

  @JsonPropertyOrder({"accountId", "role"})
  record MemberLine(String accountId, String role) {}

  /** Runs {@code action} with a client and this build's gateway; the client is closed afterwards. */
  <T> T withGateway(Function<Call, T> action) {
    var context = root.context();
    try (var client = context.client()) {
      context.requireSession(client);
      return action.apply(new Call(context, client, gateway(client)));
    }
  }

  static GroupsGateway gateway(ParleyClient client) {
    return new SdkGroups(client);
  }

  record Call(CliContext context, ParleyClient client, GroupsGateway groups) {
    List<dev.parley.protocol.AccountId> accounts(List<String> phones) {
      return Target.lookup(phones.stream().map(Target::phone).toList(), context, client);
    }

    void print(GroupsGateway.Group group, boolean json) {
      if (json) {
        JsonLines.print(context.out(), new GroupLine("group", group.id().value(), group.name(),
            group.members().stream().map(m -> new MemberLine(m.accountId().value(), m.role())).toList()));
        return;
      }
      var people = new People(context, client, context.requireSession(client).accountId());
      context.out().println(group.id().value() + "  " + group.name() + "  (" + group.members().size() + " members)");
      for (var member : group.members()) {
        context.out().println("    " + people.label(member.accountId()) + ("member".equals(member.role()) ? "" : "  " + member.role()));
      }
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a group with these members (and you, as its owner).")
  static final class Create implements Callable<Integer> {
    @ParentCommand
    GroupCommand group;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PHONE")
    List<String> phones;

    @Override
    public Integer call() {
      return group.withGateway(call -> {
        var created = call.groups().create(name, call.accounts(phones));
        call.print(created, false);
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add members to a group (admins only).")
  static final class Add implements Callable<Integer> {
    @ParentCommand
    GroupCommand group;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id (g:…).")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PHONE")
    List<String> phones;

    @Override
    public Integer call() {
      return group.withGateway(call -> {
        call.print(call.groups().add(groupId(id), call.accounts(phones)), false);
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove members from a group (admins only).")
  static final class Remove implements Callable<Integer> {
    @ParentCommand
    GroupCommand group;

    @Parameters(index = "0", paramLabel = "GROUP")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PHONE")
    List<String> phones;

    @Override
    public Integer call() {
      return group.withGateway(call -> {
        call.print(call.groups().remove(groupId(id), call.accounts(phones)), false);
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "leave", mixinStandardHelpOptions = true, description = "Leave a group.")
  static final class Leave implements Callable<Integer> {
    @ParentCommand
    GroupCommand group;

    @Parameters(index = "0", paramLabel = "GROUP")
    String id;

    @Override
    public Integer call() {
      return group.withGateway(call -> {
        call.groups().leave(groupId(id));
        call.context().out().println("Left " + id + ".");
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The groups you are in.")
  static final class ListGroups implements Callable<Integer> {
    @ParentCommand
    GroupCommand group;

    @Option(names = "--json", description = "One JSON object per group.")
    boolean json;

    @Override
    public Integer call() {
      return group.withGateway(call -> {
        for (var each : call.groups().list()) {
          call.print(each, json);
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "A group's name and members.")
  static final class Info implements Callable<Integer> {
    @ParentCommand
    GroupCommand group;

    @Parameters(index = "0", paramLabel = "GROUP")
    String id;

    @Option(names = "--json", description = "One JSON object.")
    boolean json;

    @Override
    public Integer call() {
      return group.withGateway(call -> {
        call.print(call.groups().info(groupId(id)), json);
        return ExitCodes.OK;
      });
    }
  }

  static dev.parley.protocol.ConversationId groupId(String typed) {
    if (!typed.startsWith("g:")) {
      throw CliFailure.usage("not a group id (g:…): " + typed);
    }
    return Target.conversation(typed);
  }
}
