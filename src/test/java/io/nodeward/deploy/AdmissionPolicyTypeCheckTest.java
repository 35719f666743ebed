package io.nodeward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every CEL expression of daemonset/30-validatingadmissionpolicy.yaml type-checks against the Node
 * as the API server types it from the OpenAPI schema (OpenApiCelTypes), so the policy's status has
 * no expressionWarnings: a field the schema does not type (capacity, allocatable: maps of Quantity)
 * or does not have is a compile error here. AdmissionPolicyBehaviourTest proves what the
 * expressions allow and deny; the API server evaluates them on untyped values, as that test does.
 *
 * <p>Declared as the API server's type checker declares them (k8s.io/apiserver
 * pkg/admission/plugin/policy/validating/typechecking.go): object and oldObject of the matched type,
 * variables as a struct of each variable's compiled type, in order. request is dyn here (its
 * AdmissionRequest schema is not vendored); only object and oldObject refer to the Node.
 */
class AdmissionPolicyTypeCheckTest {

    private static final String NODE = "io.k8s.api.core.v1.Node";

    private final ValidatingAdmissionPolicySpec policy = RenderedBase.one(ValidatingAdmissionPolicy.class).getSpec();
    private final OpenApiCelTypes types = OpenApiCelTypes.fromResource("/openapi/core-v1-node.json");

    @Test
    void everyExpressionTypeChecksAgainstTheNode() {
        Map<String, CelType> variables = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        policy.getMatchConditions().forEach(c -> check(c.getExpression(), variables, errors));
        policy.getVariables().forEach(v -> check(v.getExpression(), variables, errors)
                .ifPresent(type -> variables.put(v.getName(), type)));
        policy.getValidations().forEach(v -> {
            check(v.getExpression(), variables, errors);
            if (v.getMessageExpression() != null) {
                check(v.getMessageExpression(), variables, errors);
            }
        });
        assertEquals(List.of(), errors);
        assertEquals(3, variables.size(), "every variable typed");
    }

    @Test
    void aFieldTheSchemaDoesNotTypeIsAnError() {
        List<String> errors = new ArrayList<>();
        check("object.?status.?capacity == oldObject.?status.?capacity", Map.of(), errors);
        check("object.metadata.labelz == oldObject.metadata.labels", Map.of(), errors);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("undefined field 'capacity'"), errors.get(0));
        assertTrue(errors.get(1).contains("undefined field 'labelz'"), errors.get(1));
    }

    private Optional<CelType> check(String expression, Map<String, CelType> variables, List<String> errors) {
        Map<String, CelType> typedVariables = new LinkedHashMap<>(variables);
        StructType variablesType = StructType.create("variables", ImmutableSet.copyOf(typedVariables.keySet()),
                name -> Optional.ofNullable(typedVariables.get(name)));
        CelType node = types.named(NODE);
        CelTypeProvider withVariables = new CelTypeProvider() {
            @Override
            public ImmutableList<CelType> types() {
                return ImmutableList.<CelType>builder().addAll(types.types()).add(variablesType).build();
            }

            @Override
            public Optional<CelType> findType(String typeName) {
                return "variables".equals(typeName) ? Optional.of(variablesType) : types.findType(typeName);
            }
        };
        Cel cel = CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelOptionalLibrary.INSTANCE)
                .setTypeProvider(withVariables)
                .addVar("object", node)
                .addVar("oldObject", node)
                .addVar("request", SimpleType.DYN)
                .addVar("variables", variablesType)
                .build();
        try {
            return Optional.of(cel.compile(expression).getAst().getResultType());
        } catch (CelValidationException e) {
            errors.add(expression.strip() + "\n" + e.getMessage());
            return Optional.empty();
        }
    }
}
