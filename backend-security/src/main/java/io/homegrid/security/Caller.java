package io.homegrid.security;

/** An authenticated identity: a person, a third-party application, or a home gateway. */
public sealed interface Caller permits Caller.User, Caller.Application, Caller.Gateway {

    /** The user name, client id or gateway id, as the audit trail records it. */
    String name();

    /** @param household null for operators */
    record User(String name, Role role, String household) implements Caller {

        public boolean operator() {
            return role == Role.OPERATOR;
        }

        /** Belongs to this household (operators belong to none, and see all). */
        public boolean memberOf(String otherHousehold) {
            return household != null && household.equals(otherHousehold);
        }
    }

    record Application(String name) implements Caller {
    }

    record Gateway(String name, String household) implements Caller {
    }
}
