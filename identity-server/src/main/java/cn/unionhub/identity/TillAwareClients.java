package cn.unionhub.identity;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The clients this server signs in: merchant tills as their district unions issued them ({@link TillClients}), and
 * the clients of its configuration (government systems, fare systems, the apps). A till the unions know decides for
 * its id, revoked included.
 */
final class TillAwareClients implements RegisteredClientRepository {

    private final RegisteredClientRepository configured;
    private final TillClients tills;

    TillAwareClients(RegisteredClientRepository configured, TillClients tills) {
        this.configured = configured;
        this.tills = tills;
    }

    @Override
    public void save(RegisteredClient client) {
        // Spring re-encodes a configured client's secret after its first use; a till's secret is the union's to change.
        if (!tills.knows(client.getClientId())) {
            configured.save(client);
        }
    }

    @Override
    public RegisteredClient findById(String id) {
        return tills.knows(id) ? tills.client(id).orElse(null) : configured.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return tills.knows(clientId) ? tills.client(clientId).orElse(null) : configured.findByClientId(clientId);
    }
}
