package com.commentshield.common;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a valid API key into the identity of a client system with the role {@code client}. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

  public static final String CLIENT_ROLE = "client";

  private final ApiKeyStore keys;
  private final AuthThrottle throttle;

  public ApiKeyIdentityProvider(ApiKeyStore keys, AuthThrottle throttle) {
    this.keys = keys;
    this.throttle = throttle;
  }

  @Override
  public Class<ApiKeyAuthenticationRequest> getRequestType() {
    return ApiKeyAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
    RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
    String address = http == null ? "unknown" : AuthThrottle.addressOf(http.request());
    if (throttle.retryAfter(address, null) > 0) {
      return Uni.createFrom().failure(new AuthenticationFailedException("too many wrong keys"));
    }
    return keys.clientOf(request.key())
        .<Uni<SecurityIdentity>>map(
            client ->
                Uni.createFrom()
                    .item(
                        QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(client))
                            .addRole(CLIENT_ROLE)
                            .build()))
        .orElseGet(
            () -> {
              throttle.failed(address, null, "API key in X-Api-Key");
              return Uni.createFrom().failure(new AuthenticationFailedException("invalid API key"));
            });
  }
}
