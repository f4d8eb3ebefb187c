package com.harvest.identity.phonecode;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * Direct grant (`grant_type=password`) for customers: form parameters `phone` and `code` (the one-time SMS code),
 * or `phone` and `password`. The identity service checks them and answers the customer's stable subject; the
 * Keycloak user is that subject (created at the first sign-in, realm role `customer`), so Keycloak holds no phone
 * number. The code and password are never logged.
 */
public final class PhoneCodeAuthenticator implements Authenticator {

    private final IdentityClient identity;

    PhoneCodeAuthenticator(IdentityClient identity) {
        this.identity = identity;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String phone = trimmed(form.getFirst("phone"));
        String code = trimmed(form.getFirst("code"));
        String password = form.getFirst("password");
        if (phone == null || (code == null && (password == null || password.isEmpty()))) {
            fail(context, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS, 400,
                    "invalid_request", "phone and code (or phone and password) are required");
            return;
        }
        PhoneCodeSettings settings = PhoneCodeSettings.of(configOf(context));
        ClientModel serviceClient = context.getRealm().getClientByClientId(settings.serviceClientId());
        if (serviceClient == null || serviceClient.getSecret() == null) {
            fail(context, AuthenticationFlowError.INTERNAL_ERROR, Errors.INVALID_CONFIG, 503,
                    "temporarily_unavailable", "phone sign-in is not configured");
            return;
        }
        IdentityClient.ServiceClient caller = new IdentityClient.ServiceClient(
                tokenUrl(context), serviceClient.getClientId(), serviceClient.getSecret());
        String clientAddress = context.getConnection().getRemoteAddr();
        IdentityClient.Verdict verdict = code != null
                ? identity.verifyCode(settings.identityUrl(), caller, phone, code, clientAddress)
                : identity.verifyPassword(settings.identityUrl(), caller, phone, password, clientAddress);
        switch (verdict.outcome()) {
            case ACCEPTED -> signIn(context, verdict.subject());
            case REFUSED -> fail(context, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    401, "invalid_grant", "Invalid phone number or code");
            case THROTTLED -> fail(context, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.USER_TEMPORARILY_DISABLED,
                    401, "invalid_grant", "Too many attempts; try again later");
            case UNAVAILABLE -> fail(context, AuthenticationFlowError.INTERNAL_ERROR, Errors.INVALID_CONFIG, 503,
                    "temporarily_unavailable", "phone sign-in is unavailable; try again later");
        }
    }

    /** The customer's Keycloak user, named by the identity service's subject; created at the first sign-in. */
    private void signIn(AuthenticationFlowContext context, String subject) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = session.users().getUserByUsername(realm, subject);
        if (user == null) {
            try {
                // id = username = subject: the token's `sub` is the identity service's subject, as the embedded
                // issuer's is. No default required actions: a customer has nothing to set up in Keycloak.
                user = session.users().addUser(realm, subject, subject, true, false);
                user.setEnabled(true);
                RoleModel customer = realm.getRole("customer");
                if (customer != null) user.grantRole(customer);
            } catch (ModelDuplicateException raced) {
                // A concurrent first sign-in of the same customer created it.
                user = session.users().getUserByUsername(realm, subject);
            }
        }
        if (user == null || !user.isEnabled()) {
            fail(context, AuthenticationFlowError.USER_DISABLED, Errors.USER_DISABLED, 400, "invalid_grant",
                    "Account disabled");
            return;
        }
        context.setUser(user);
        context.success();
    }

    private static String tokenUrl(AuthenticationFlowContext context) {
        String base = context.getSession().getContext().getUri().getBaseUri().toString();
        if (!base.endsWith("/")) base += "/";
        return base + "realms/" + context.getRealm().getName() + "/protocol/openid-connect/token";
    }

    private static AuthenticatorConfigModel configOf(AuthenticationFlowContext context) {
        return context.getAuthenticatorConfig();
    }

    private static void fail(AuthenticationFlowContext context, AuthenticationFlowError flowError, String event,
                             int status, String error, String description) {
        context.getEvent().error(event);
        Response response = Response.status(status)
                .entity(new OAuth2ErrorRepresentation(error, description))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
        context.failure(flowError, response);
    }

    private static String trimmed(String value) {
        if (value == null) return null;
        String t = value.trim();
        return t.isEmpty() ? null : t;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // Direct grant: one request, nothing to continue.
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {}

    @Override
    public void close() {}
}
