/**
 * The terminal client: {@code ./parley COMMAND}, built on the Java SDK with picocli, and JLine for
 * the interactive chat. {@link dev.parley.cli.Main#run} is the entry point tests drive in-process.
 *
 * <p>Everything here is non-null unless its documentation says otherwise. docs/cli.md documents the
 * commands, their output and exit codes.
 */
package dev.parley.cli;
