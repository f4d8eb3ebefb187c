package com.harvest.identity.phonecode;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Registers {@link PhoneCodeAuthenticator} as `harvest-phone-code` for direct-grant flows. */
public final class PhoneCodeAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "harvest-phone-code";

    /** One HTTP client and token cache for the server's lifetime. */
    private static final IdentityClient IDENTITY = IdentityClient.standard();

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
        AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED,
    };

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PhoneCodeAuthenticator(IDENTITY);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Harvest phone number + SMS code (or password)";
    }

    @Override
    public String getReferenceCategory() {
        return "phone-code";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Direct grant: checks form parameters phone + code (or phone + password) with the Harvest identity service and signs in its customer.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(PhoneCodeSettings.IDENTITY_URL).label("Identity service URL")
                .helpText("Base URL of the identity service, e.g. http://127.0.0.1:3006")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PhoneCodeSettings.DEFAULT_IDENTITY_URL).add()
                .property().name(PhoneCodeSettings.SERVICE_CLIENT_ID).label("Service client")
                .helpText("Confidential client of this realm (role service) whose client-credentials token calls the identity service")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PhoneCodeSettings.DEFAULT_SERVICE_CLIENT_ID).add()
                .build();
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void postInit(KeycloakSessionFactory factory) {}

    @Override
    public void close() {}
}
