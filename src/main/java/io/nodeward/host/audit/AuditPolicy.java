package io.nodeward.host.audit;

import java.util.List;

/**
 * An audit policy as kube-apiserver holds it after loading ({@code k8s.io/apiserver/pkg/apis/audit}
 * {@code Policy}), reduced to what decides a request's level: the rules, in order. Omitted stages
 * and managed fields change what an event holds, not whether a request is logged or at what level.
 *
 * @param rules the rules in file order; the first that matches a request decides its level
 */
public record AuditPolicy(List<Rule> rules) {

    public AuditPolicy {
        rules = List.copyOf(rules);
    }

    /** The levels, least first ({@code audit.Level}); ordinal order is "logs more". */
    public enum Level {
        None, Metadata, Request, RequestResponse;

        /** Whether requests at this level have their bodies written to the log. */
        public boolean logsBodies() {
            return this == Request || this == RequestResponse;
        }
    }

    /**
     * One {@code PolicyRule}: an empty list matches everything of its kind, as in the API.
     *
     * @param number the rule's position, from 1, as reports name it
     */
    public record Rule(int number, Level level, List<String> users, List<String> userGroups, List<String> verbs,
                       List<GroupResources> resources, List<String> namespaces, List<String> nonResourceURLs) {

        public Rule {
            users = List.copyOf(users);
            userGroups = List.copyOf(userGroups);
            verbs = List.copyOf(verbs);
            resources = List.copyOf(resources);
            namespaces = List.copyOf(namespaces);
            nonResourceURLs = List.copyOf(nonResourceURLs);
        }
    }

    /** {@code GroupResources}: group {@code ""} is the core group, {@code "*"} every group. */
    public record GroupResources(String group, List<String> resources, List<String> resourceNames) {

        public GroupResources {
            resources = List.copyOf(resources);
            resourceNames = List.copyOf(resourceNames);
        }
    }
}
