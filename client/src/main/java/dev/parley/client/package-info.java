/**
 * The Parley Java SDK: sign in, connect, send, receive and acknowledge messages.
 *
 * <p>Start at {@link dev.parley.client.ParleyClient}. Everything in this package is non-null unless
 * its documentation says otherwise; {@code dev.parley.client.internal} is not API and may change
 * without notice.
 */
package dev.parley.client;
