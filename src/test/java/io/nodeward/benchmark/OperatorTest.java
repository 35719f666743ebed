package io.nodeward.benchmark;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OperatorTest {

    @ParameterizedTest(name = "{0} {1} on ''{2}'' -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            eq                   | 0                        | 0                              | true
            eq                   | 0                        | 10255                          | false
            ne                   | false                    | true                           | true
            ne                   | false                    | false                          | false
            in                   | Webhook,AlwaysDeny       | Webhook                        | true
            in                   | Webhook,AlwaysDeny       | AlwaysAllow                    | false
            not-in               | AlwaysAllow              | Webhook                        | true
            not-in               | AlwaysAllow              | AlwaysAllow                    | false
            gt                   | 0                        | 4096                           | true
            gt                   | 0                        | -1                             | false
            gt                   | 0                        | 0                              | false
            gte                  | 30                       | 30                             | true
            lt                   | 5                        | 5                              | false
            lte                  | 4                        | 4                              | true
            lte                  | 4                        | 6                              | false
            duration-gt          | 0s                       | 4h0m0s                         | true
            duration-gt          | 0s                       | 0s                             | false
            duration-gt          | 0s                       | 0                              | false
            duration-gt          | 1h                       | 1h30m                          | true
            duration-gt          | 1h                       | 90m                            | true
            duration-gt          | 2h                       | 90m                            | false
            duration-gt          | 1m                       | 1.5m                           | true
            mode-at-most         | 0600                     | 0600                           | true
            mode-at-most         | 0600                     | 0400                           | true
            mode-at-most         | 0600                     | 0644                           | false
            mode-at-most         | 0600                     | 0700                           | false
            mode-at-most         | 0644                     | 0640                           | true
            mode-at-most         | 0644                     | 0664                           | false
            matches              | 127\\.0\\.0\\.1(:[0-9]+)?   | 127.0.0.1:10249                | true
            matches              | 127\\.0\\.0\\.1(:[0-9]+)?   | 0.0.0.0:10249                  | false
            matches              | 127\\.0\\.0\\.1(:[0-9]+)?   | 127.0.0.1.evil:1               | false
            not-matches          | ^$                       | x                              | true
            subset-of            | A,B,C                    | A,C                            | true
            subset-of            | A,B,C                    | A,D                            | false
            not-contains-element | AlwaysAllow              | Node,Webhook                   | true
            not-contains-element | AlwaysAllow              | Webhook,AlwaysAllow            | false
            not-contains-element | AlwaysAllow              | AlwaysAllowed                  | true
            """)
    void comparesAValueWithItsOperand(String op, String operand, String value, boolean passes) {
        Operator operator = Operator.byLabel(op).orElseThrow();
        assertEquals(passes, operator.accepts(value, operator.compile(operand)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            eq                   | 0                  | 'kubelet.readOnlyPort' is equal to '0'
            ne                   | false              | 'kubelet.readOnlyPort' is not equal to 'false'
            in                   | Webhook,AlwaysDeny | 'kubelet.readOnlyPort' is one of 'Webhook', 'AlwaysDeny'
            not-in               | a, b               | 'kubelet.readOnlyPort' is none of 'a', 'b'
            gt                   | 0                  | 'kubelet.readOnlyPort' is greater than 0
            gte                  | 30                 | 'kubelet.readOnlyPort' is greater than or equal to 30
            lt                   | 5                  | 'kubelet.readOnlyPort' is less than 5
            lte                  | 4                  | 'kubelet.readOnlyPort' is less than or equal to 4
            duration-gt          | 0s                 | 'kubelet.readOnlyPort' is a duration longer than 0s
            mode-at-most         | 600                | 'kubelet.readOnlyPort' is 0600 or more restrictive
            mode-at-most         | 0644               | 'kubelet.readOnlyPort' is 0644 or more restrictive
            matches              | 127\\..*            | 'kubelet.readOnlyPort' matches /127\\..*/
            not-matches          | x                  | 'kubelet.readOnlyPort' does not match /x/
            subset-of            | A,B                | 'kubelet.readOnlyPort' has only elements of 'A', 'B'
            not-contains-element | AlwaysAllow        | 'kubelet.readOnlyPort' does not contain 'AlwaysAllow'
            """)
    void rendersWhatPassesInWords(String op, String operand, String text) {
        Operator operator = Operator.byLabel(op).orElseThrow();
        assertEquals(text, operator.describe("kubelet.readOnlyPort", operator.compile(operand)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            set   | 'kubelet.tlsCertFile' is set
            unset | 'kubelet.tlsCertFile' is not set
            """)
    void rendersPresenceTests(String op, String text) {
        Operator operator = Operator.byLabel(op).orElseThrow();
        assertEquals(text, operator.describe("kubelet.tlsCertFile", operator.compile(null)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            gt           | ten    | value 'ten' of gt is not an integer
            mode-at-most | 0680   | value '0680' of mode-at-most is not an octal mode such as 0600
            mode-at-most | rw-r-- | value 'rw-r--' of mode-at-most is not an octal mode such as 0600
            duration-gt  | 4 hours| value of duration-gt: '4 hours' is not a duration (e.g. 4h0m0s, 90m, 0s)
            duration-gt  | 10     | value of duration-gt: '10' is not a duration (e.g. 4h0m0s, 90m, 0s)
            matches      | (a     | value '(a' of matches is not a valid regex: Unclosed group
            set          | x      | operator set takes no value
            """)
    void rejectsBadOperandsAtCompileTime(String op, String operand, String message) {
        Operator operator = Operator.byLabel(op).orElseThrow();
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> operator.compile(operand)).getMessage());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            gt           | 0    | abc  | 'abc' is not an integer
            duration-gt  | 0s   | soon | 'soon' is not a duration (e.g. 4h0m0s, 90m, 0s)
            mode-at-most | 0600 | 0999 | '0999' is not an octal mode
            """)
    void refusesToCompareValuesOfTheWrongShape(String op, String operand, String value, String message) {
        Operator operator = Operator.byLabel(op).orElseThrow();
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> operator.accepts(value, operator.compile(operand))).getMessage());
    }
}
