package com.commentshield.common;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Restores a logged-in user from the login form's encrypted session cookie, which names the user
 * but carries no roles: the roles come from the user store, so a changed role applies at once.
 */
@ApplicationScoped
public class TrustedUserIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

  private final UserStore users;

  public TrustedUserIdentityProvider(UserStore users) {
    this.users = users;
  }

  @Override
  public Class<TrustedAuthenticationRequest> getRequestType() {
    return TrustedAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
    return users
        .rolesOf(request.getPrincipal())
        .<Uni<SecurityIdentity>>map(
            roles ->
                Uni.createFrom()
                    .item(
                        QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(request.getPrincipal()))
                            .addRoles(roles)
                            .build()))
        .orElseGet(
            () -> Uni.createFrom().failure(new AuthenticationFailedException("unknown user")));
  }
}
