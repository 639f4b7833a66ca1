package io.homegrid.bus.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Set;

import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.command.ConnectionInfo;
import org.apache.activemq.jaas.GroupPrincipal;
import org.apache.activemq.security.AbstractAuthenticationBroker;
import org.apache.activemq.security.SecurityContext;

import io.homegrid.bus.BusCredentials;
import io.homegrid.bus.OutsideClients;

/**
 * Authenticates every connection: the backend's services with their broker user, everybody else
 * through {@link OutsideClients} (their user name and password, client id and secret, or a token).
 */
final class BrokerAuthentication extends AbstractAuthenticationBroker {

    private final BusCredentials services;
    private final OutsideClients outside;

    BrokerAuthentication(Broker next, BusCredentials services, OutsideClients outside) {
        super(next);
        this.services = services;
        this.outside = outside;
    }

    @Override
    public void addConnection(ConnectionContext context, ConnectionInfo info) throws Exception {
        SecurityContext security = context.getSecurityContext();
        if (security == null) {
            security = authenticate(info.getUserName(), info.getPassword(), null);
            context.setSecurityContext(security);
            securityContexts.add(security);
        }
        try {
            super.addConnection(context, info);
        } catch (Exception e) {
            securityContexts.remove(security);
            context.setSecurityContext(null);
            throw e;
        }
    }

    @Override
    public SecurityContext authenticate(String user, String password, X509Certificate[] certificates) {
        if (user == null || password == null) {
            throw new SecurityException("the broker needs a user name and a password");
        }
        if (user.equals(services.user())) {
            if (!MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                    services.password().getBytes(StandardCharsets.UTF_8))) {
                throw new SecurityException("User name [" + user + "] or password is invalid.");
            }
            return new Groups(user, BrokerSecurity.SERVICES);
        }
        return outside.authenticate(user, password).<SecurityContext>map(OutsideContext::new)
                .orElseThrow(() -> new SecurityException("User name [" + user + "] or password is invalid."));
    }

    /** A broker user and the group the authorization map knows it by. */
    static class Groups extends SecurityContext {

        private final Set<Principal> principals;

        Groups(String user, String group) {
            super(user);
            this.principals = Set.of(new GroupPrincipal(group));
        }

        @Override
        public Set<Principal> getPrincipals() {
            return principals;
        }
    }

    /** An outside client: a listener, whose subscriptions {@link OutsideSubscriptions} narrows. */
    static final class OutsideContext extends Groups {

        private final OutsideClients.Client client;

        OutsideContext(OutsideClients.Client client) {
            super(client.name(), BrokerSecurity.LISTENERS);
            this.client = client;
        }

        OutsideClients.Client client() {
            return client;
        }
    }
}
