package io.nodeward.cluster.facts;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.nodeward.host.Fact;

import java.util.List;

/**
 * The {@code serviceaccount.*} facts of one ServiceAccount. Its token is mounted into its pods unless it
 * or the pod says otherwise: the ServiceAccount admission plugin's {@code shouldAutomount}
 * (plugin/pkg/admission/serviceaccount/admission.go) takes the pod's {@code automountServiceAccountToken},
 * else the service account's, else true.
 */
final class ServiceAccountFacts {

    private ServiceAccountFacts() {
    }

    static List<Fact> of(ServiceAccount account) {
        Boolean automount = account.getAutomountServiceAccountToken();
        Fact mount = automount == null
                ? Fact.present(ClusterFactKeys.SA_AUTOMOUNT, "true",
                        "default: automountServiceAccountToken is not set, so its pods get a token unless they opt out")
                : Fact.present(ClusterFactKeys.SA_AUTOMOUNT, automount.toString(), "automountServiceAccountToken: " + automount);
        return List.of(Fact.present(ClusterFactKeys.SA_NAME, account.getMetadata().getName(), "metadata.name"), mount);
    }
}
