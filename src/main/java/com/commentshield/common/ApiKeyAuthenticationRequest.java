package com.commentshield.common;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A client's API key, as presented in {@code X-Api-Key}. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

  private final String key;

  public ApiKeyAuthenticationRequest(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
