package io.nodeward.cluster.rbac;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.nodeward.benchmark.Exemptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sorts a binding's subjects the way the checks ask about them. Who a subject is follows the RBAC
 * authorizer ({@code appliesToUser} in {@code plugin/pkg/auth/authorizer/rbac/subject_locator.go} and
 * {@code pkg/registry/rbac/validation/rule.go}): a User by name, a Group by name, a ServiceAccount by
 * its namespace, which in a RoleBinding defaults to the binding's own and in a ClusterRoleBinding must
 * be given (without it the subject matches nobody). The names of everyone come from the API server,
 * {@code k8s.io/apiserver/pkg/authentication/user/user.go}; which subjects are "system" is data
 * ({@link Exemptions#systemSubjects()}, and the service accounts of exempt namespaces).
 */
public final class Subjects {

    /** {@code user.Anonymous}: every request without credentials. */
    public static final String ANONYMOUS = "system:anonymous";
    /** {@code user.AllUnauthenticated}: the group of {@link #ANONYMOUS}. */
    public static final String ALL_UNAUTHENTICATED = "system:unauthenticated";
    /** {@code user.AllAuthenticated}: every authenticated user and service account. */
    public static final String ALL_AUTHENTICATED = "system:authenticated";
    /** {@code user.SystemPrivilegedGroup}: allowed everything before RBAC is asked. */
    public static final String SYSTEM_MASTERS = "system:masters";

    static final String USER = "User";
    static final String GROUP = "Group";
    static final String SERVICE_ACCOUNT = "ServiceAccount";

    private final Exemptions exemptions;

    public Subjects(Exemptions exemptions) {
        this.exemptions = exemptions;
    }

    /** The subjects a binding names, as people read them, e.g. {@code ServiceAccount development/mydevuser}. */
    public record Named(String kind, String name, String namespace) {
        @Override
        public String toString() {
            return kind + " " + (namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
        }
    }

    /**
     * The subjects of a binding in {@code bindingNamespace} ({@code ""} for a ClusterRoleBinding) that
     * match anyone; a ServiceAccount without a namespace in a ClusterRoleBinding and an unknown kind match
     * nobody, as in the authorizer.
     */
    public List<Named> effective(List<Subject> subjects, String bindingNamespace) {
        List<Named> named = new ArrayList<>();
        for (Subject subject : subjects == null ? List.<Subject>of() : subjects) {
            String kind = subject.getKind();
            if (USER.equals(kind) || GROUP.equals(kind)) {
                named.add(new Named(kind, subject.getName(), ""));
            } else if (SERVICE_ACCOUNT.equals(kind)) {
                String namespace = subject.getNamespace() == null || subject.getNamespace().isEmpty()
                        ? bindingNamespace : subject.getNamespace();
                if (!namespace.isEmpty()) {
                    named.add(new Named(kind, subject.getName(), namespace));
                }
            }
        }
        return named;
    }

    /** Not the control plane's or a node's own identity, nor a service account of an exempt namespace. */
    public boolean outsideSystem(Named subject) {
        if (SERVICE_ACCOUNT.equals(subject.kind())) {
            return exemptions.namespace(subject.namespace()).isEmpty();
        }
        return exemptions.systemSubject(subject.kind(), subject.name()).isEmpty();
    }

    /** All users, all unauthenticated requests, or the anonymous user: whoever reaches the API server. */
    public static boolean everyone(Named subject) {
        return anonymous(subject) || (GROUP.equals(subject.kind()) && ALL_AUTHENTICATED.equals(subject.name()));
    }

    /** Requests without credentials: the anonymous user or its group. */
    public static boolean anonymous(Named subject) {
        return (USER.equals(subject.kind()) && ANONYMOUS.equals(subject.name()))
                || (GROUP.equals(subject.kind()) && ALL_UNAUTHENTICATED.equals(subject.name()));
    }

    public static boolean systemMasters(Named subject) {
        return GROUP.equals(subject.kind()) && SYSTEM_MASTERS.equals(subject.name());
    }

    /** The rule that made {@code subject} a system subject, for the report's exemptions. */
    public Optional<Exemptions.SubjectRule> systemRule(Named subject) {
        return SERVICE_ACCOUNT.equals(subject.kind()) ? Optional.empty()
                : exemptions.systemSubject(subject.kind(), subject.name());
    }
}
