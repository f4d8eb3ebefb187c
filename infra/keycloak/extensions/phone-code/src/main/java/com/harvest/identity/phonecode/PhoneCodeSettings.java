package com.harvest.identity.phonecode;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/**
 * The authenticator's per-realm settings (the flow execution's config in the realm file, so a deployed realm
 * takes `${IDENTITY_URL}` from its environment at import): where the identity service is and which of the
 * realm's confidential clients Keycloak calls it as. The client's secret is read from the realm itself.
 */
public record PhoneCodeSettings(String identityUrl, String serviceClientId) {

    public static final String IDENTITY_URL = "identityUrl";
    public static final String SERVICE_CLIENT_ID = "serviceClientId";
    public static final String DEFAULT_IDENTITY_URL = "http://127.0.0.1:3006";
    public static final String DEFAULT_SERVICE_CLIENT_ID = "keycloak-phone-code";

    public static PhoneCodeSettings of(AuthenticatorConfigModel config) {
        return of(config == null ? null : config.getConfig());
    }

    public static PhoneCodeSettings of(Map<String, String> config) {
        String url = valueOr(config, IDENTITY_URL, DEFAULT_IDENTITY_URL);
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        return new PhoneCodeSettings(url, valueOr(config, SERVICE_CLIENT_ID, DEFAULT_SERVICE_CLIENT_ID));
    }

    private static String valueOr(Map<String, String> config, String key, String fallback) {
        String value = config == null ? null : config.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
