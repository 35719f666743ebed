package io.nodeward.cluster.audit;

import io.nodeward.cluster.ObjectRef;
import io.nodeward.scan.Outcome;

/**
 * One object that did not pass one check: what the report lists under the check, what metrics count per
 * namespace, and what an event is recorded on.
 *
 * @param outcome FAIL (a scored check), WARN (an unscored one) or ERROR (its facts could not be read)
 * @param actual  what was found on this object, e.g. {@code binding.role.wildcard: true; ...}
 * @param source  where each value was read, e.g. the role's rule and the binding's subjects
 * @param reason  why the object could not be judged, for ERROR; null otherwise
 */
public record Finding(String benchmark, String check, ObjectRef object, Outcome outcome, String actual, String source,
                      String reason) {
}
