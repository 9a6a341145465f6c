package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import java.util.List;

/** The numbers from the request that have accounts, in E.164 form, with their account ids. */
public record ContactLookupResponse(List<Contact> contacts) {
  public record Contact(String phone, AccountId accountId) {}
}
