package io.nodeward.deploy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a ValidatingAdmissionPolicy's CEL the way the API server does, for tests: match
 * conditions, then variables in order, then every validation; an expression that cannot be
 * evaluated denies (the policy's failurePolicy is Fail). Objects are untyped (dyn) here, where the
 * API server types them from the OpenAPI schema, so this checks the logic, not schema typing.
 */
final class AdmissionPolicyEvaluator {

    private final ValidatingAdmissionPolicySpec policy;
    private final Cel cel = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelOptionalLibrary.INSTANCE)
            .addRuntimeLibraries(CelOptionalLibrary.INSTANCE)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();

    AdmissionPolicyEvaluator(ValidatingAdmissionPolicySpec policy) {
        this.policy = policy;
    }

    /** An UPDATE by {@code username}, whose token names {@code tokenNode} (null: no node claim). */
    static Map<String, Object> request(String username, String tokenNode) {
        Map<String, Object> userInfo = new HashMap<>();
        userInfo.put("username", username);
        userInfo.put("extra", tokenNode == null ? Map.of()
                : Map.of("authentication.kubernetes.io/node-name", List.of(tokenNode)));
        return Map.of("operation", "UPDATE", "userInfo", userInfo);
    }

    /** The messages of the validations that deny the update; empty when it is admitted. */
    List<String> denials(Map<String, Object> request, Map<String, Object> oldObject, Map<String, Object> object) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> input = new HashMap<>();
        input.put("request", request);
        input.put("oldObject", oldObject);
        input.put("object", object);
        input.put("variables", vars);
        for (var condition : policy.getMatchConditions()) {
            if (!Boolean.TRUE.equals(eval(condition.getExpression(), input))) {
                return List.of();
            }
        }
        for (var variable : policy.getVariables()) {
            vars.put(variable.getName(), eval(variable.getExpression(), input));
        }
        List<String> denials = new ArrayList<>();
        for (Validation validation : policy.getValidations()) {
            Object result;
            try {
                result = eval(validation.getExpression(), input);
            } catch (IllegalStateException e) {
                denials.add("error: " + e.getMessage());
                continue;
            }
            if (!Boolean.TRUE.equals(result)) {
                denials.add(validation.getMessage() != null ? validation.getMessage().strip()
                        : String.valueOf(eval(validation.getMessageExpression(), input)));
            }
        }
        return denials;
    }

    private Object eval(String expression, Map<String, Object> input) {
        try {
            var ast = cel.compile(expression).getAst();
            return cel.createProgram(ast).eval(input);
        } catch (CelValidationException e) {
            throw new AssertionError("CEL does not compile: " + expression + "\n" + e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException(expression + ": " + e.getMessage(), e);
        }
    }
}
