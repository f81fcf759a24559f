package com.commentshield.common;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Checks user names and passwords (HTTP Basic and the login form) against the user store. */
@ApplicationScoped
public class UserIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private final UserStore users;

  public UserIdentityProvider(UserStore users) {
    this.users = users;
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
    return context.runBlocking(
        () -> {
          Set<String> roles =
              users
                  .authenticate(username, password)
                  .orElseThrow(() -> new AuthenticationFailedException("wrong user or password"));
          return QuarkusSecurityIdentity.builder()
              .setPrincipal(new QuarkusPrincipal(username))
              .addRoles(roles)
              .build();
        });
  }
}
