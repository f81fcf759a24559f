package com.commentshield.common;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Checks user names and passwords (HTTP Basic and the login form) against the user store. */
@ApplicationScoped
public class UserIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private final UserStore users;
  private final AuthThrottle throttle;

  public UserIdentityProvider(UserStore users, AuthThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    String username = request.getUsername();
    String password = new String(request.getPassword().getPassword());
    RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
    String address = http == null ? "unknown" : AuthThrottle.addressOf(http.request());
    String knownUser = users.rolesOf(username).isPresent() ? username : null;
    long wait = throttle.retryAfter(address, knownUser);
    if (wait > 0) {
      // no password is checked while throttled, so guessing learns nothing
      if (http != null) {
        http.put(AuthThrottleFilter.THROTTLED, wait);
      }
      return Uni.createFrom().failure(new AuthenticationFailedException("too many failed logins"));
    }
    String how =
        http != null && http.request().getHeader(HttpHeaders.AUTHORIZATION) != null
            ? "HTTP Basic login"
            : "login-form login";
    return context.runBlocking(
        () -> {
          Set<String> roles =
              users
                  .authenticate(username, password)
                  .orElseThrow(
                      () -> {
                        throttle.failed(address, knownUser, how);
                        return new AuthenticationFailedException("wrong user or password");
                      });
          return QuarkusSecurityIdentity.builder()
              .setPrincipal(new QuarkusPrincipal(username))
              .addRoles(roles)
              .build();
        });
  }
}
