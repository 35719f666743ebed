package io.nodeward.report;

import io.nodeward.scan.CheckResult;
import io.nodeward.scan.ScanReport;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * JUnit XML as CI tools read it (Jenkins, GitLab, GitHub test reporters):
 * testsuites &gt; testsuite(name, tests, failures, errors, skipped) &gt; testcase(classname, name),
 * with at most one failure, error or skipped element per test case.
 */
class JunitReportTest {

    @Test
    void oneResultOfEachOutcomeGivesTheRightCountsPerSuite() throws Exception {
        Element root = parse(ReportFormat.JUNIT.render(SampleReports.oneOfEach())).getDocumentElement();

        assertCiStructure(root);
        assertEquals("5 2 1 ", counts(root)); // WARN is a failure; testsuites has no skipped count in the schema
        List<Element> suites = children(root, "testsuite");
        assertEquals("cis-1.12", suites.get(0).getAttribute("name"));
        assertEquals("2 1 0 0", counts(suites.get(0)));
        assertEquals("nodeward-1.0", suites.get(1).getAttribute("name"));
        assertEquals("3 1 1 1", counts(suites.get(1)));
    }

    @Test
    void eachOutcomeMapsToItsJunitElement() throws Exception {
        Element root = parse(ReportFormat.JUNIT.render(SampleReports.oneOfEach())).getDocumentElement();
        List<String> seen = new ArrayList<>();
        for (Element suite : children(root, "testsuite")) {
            for (Element testcase : children(suite, "testcase")) {
                List<Element> outcome = children(testcase, null);
                seen.add(testcase.getAttribute("name") + " -> " + (outcome.isEmpty() ? "passed" : outcome.get(0).getTagName()));
            }
        }

        assertEquals(List.of(
                "4.2.1 Ensure that anonymous requests to the kubelet are disabled -> passed",
                "4.2.13 Ensure that a limit is set on pod PIDs -> failure",
                "port-10255 The kubelet read-only port (10255) is not listening -> failure",
                "port-22 sshd is not listening on a wildcard address -> error",
                "ssh-root-login sshd does not allow root to log in -> skipped"), seen);
    }

    @Test
    void aFailureCarriesExpectedActualSourceAndTheFix() throws Exception {
        Document xml = parse(ReportFormat.JUNIT.render(SampleReports.of(SampleReports.FAIL)));
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);

        assertEquals("expected 'port.10255.listening' is equal to 'false', actual true (/proc/1/net/tcp 0.0.0.0:10255)",
                failure.getAttribute("message"));
        assertEquals("FAIL", failure.getAttribute("type"));
        assertEquals("""
                expected: 'port.10255.listening' is equal to 'false'
                actual: true
                source: /proc/1/net/tcp 0.0.0.0:10255
                remediation: Set `readOnlyPort: 0` in the kubelet config file.""", failure.getTextContent());
    }

    @Test
    void anErrorLeavesOutTheEvidenceItCouldNotRead() throws Exception {
        Document xml = parse(ReportFormat.JUNIT.render(SampleReports.of(SampleReports.ERROR)));
        Element error = (Element) xml.getElementsByTagName("error").item(0);

        assertEquals("ERROR: port.22.wildcard: /proc/1/net/tcp does not exist", error.getAttribute("message"));
        assertEquals("""
                expected: 'port.22.wildcard' is equal to 'false'
                reason: port.22.wildcard: /proc/1/net/tcp does not exist
                remediation: Bind sshd to a management address only.""", error.getTextContent());
    }

    @Test
    void hostileStringsAreEscapedAndTheXmlStaysWellFormed() throws Exception {
        String hostile = "say \"hi\" & 'bye' <script>]]></script> \u0000nul \u0001\u001b[31m \uD800lone \uD83D\uDE00";
        CheckResult f = SampleReports.FAIL;
        CheckResult evil = new CheckResult(hostile, hostile, hostile, hostile, f.severity(), f.status(),
                hostile, hostile, hostile, hostile, hostile);
        ScanReport report = new ScanReport(hostile, hostile, SampleReports.SCANNED_AT, 1.0,
                List.of(evil, new CheckResult(hostile, "2", hostile, hostile, f.severity(),
                        io.nodeward.scan.Outcome.SKIP, hostile, null, null, hostile, hostile)));

        Element root = parse(ReportFormat.JUNIT.render(report)).getDocumentElement();

        assertCiStructure(root);
        String kept = "say \"hi\" & 'bye' <script>]]></script> \\u0000nul \\u0001\\u001b[31m \\ud800lone \uD83D\uDE00";
        Element testcase = children(children(root, "testsuite").get(0), "testcase").get(0);
        assertEquals(kept + " " + kept, testcase.getAttribute("name"));
        assertEquals("nodeward " + kept, root.getAttribute("name"));
        assertTrue(children(testcase, "failure").get(0).getTextContent().startsWith("expected: " + kept + "\n"));
    }

    @Test
    void aWarnIsAFailureMarkedUnscoredThatKeepsItsEvidence() throws Exception {
        Document xml = parse(ReportFormat.JUNIT.render(SampleReports.of(SampleReports.WARN)));
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);

        assertEquals("WARN (unscored)", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").startsWith("expected " + SampleReports.WARN.expected() + ", actual "
                + SampleReports.WARN.actual()), failure.getAttribute("message"));
    }

    @Test
    void aClassNameHasOneDotBetweenBenchmarkAndGroup() throws Exception {
        Element root = parse(ReportFormat.JUNIT.render(SampleReports.oneOfEach())).getDocumentElement();
        Element testcase = children(children(root, "testsuite").get(0), "testcase").get(0);

        assertEquals("cis-1_12.4_2 Kubelet", testcase.getAttribute("classname"));
    }

    @Test
    void everyReportIsValidAgainstTheCommonJunitSchema() throws Exception {
        javax.xml.validation.Validator validator = javax.xml.validation.SchemaFactory
                .newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JunitReportTest.class.getResource("/junit/junit-10.xsd")).newValidator();
        for (ScanReport report : List.of(SampleReports.oneOfEach(), SampleReports.of())) {
            validator.validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(
                    ReportFormat.JUNIT.render(report))));
        }
    }

    @Test
    void theSchemaRefusesWhatTheOldReportWrote() throws Exception {
        // guards the test above: testsuites@skipped is not in the schema
        javax.xml.validation.Validator validator = javax.xml.validation.SchemaFactory
                .newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JunitReportTest.class.getResource("/junit/junit-10.xsd")).newValidator();
        assertThrows(SAXParseException.class, () -> validator.validate(new javax.xml.transform.stream.StreamSource(
                new java.io.StringReader("<testsuites skipped=\"1\"/>"))));
    }

    @Test
    void theParserRejectsWhatWeMustNeverWrite() {
        // Guards the test above: the JDK parser does reject raw NUL, so passing it means something.
        assertThrows(SAXParseException.class, () -> parse("<a b=\"\u0000\"/>"));
    }

    @Test
    void anEmptyReportIsAnEmptyButValidRun() throws Exception {
        Element root = parse(ReportFormat.JUNIT.render(SampleReports.of())).getDocumentElement();

        assertCiStructure(root);
        assertEquals("0 0 0 ", counts(root));
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Document parse(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** tests, failures, errors, skipped of a testsuites or testsuite element. */
    private static String counts(Element e) {
        return e.getAttribute("tests") + " " + e.getAttribute("failures") + " " + e.getAttribute("errors") + " "
                + e.getAttribute("skipped");
    }

    /**
     * The structure CI tools expect, and counts that agree with the test cases: every suite's
     * counts are its cases', the root's are the sum of its suites'.
     */
    private static void assertCiStructure(Element root) {
        assertEquals("testsuites", root.getTagName());
        int[] total = new int[4];
        for (Element suite : children(root, null)) {
            assertEquals("testsuite", suite.getTagName(), "only testsuite under testsuites");
            assertTrue(suite.hasAttribute("name"), "testsuite needs a name");
            int[] own = new int[4];
            for (Element testcase : children(suite, null)) {
                assertEquals("testcase", testcase.getTagName(), "only testcase under testsuite");
                assertTrue(testcase.hasAttribute("classname") && !testcase.getAttribute("classname").isEmpty(),
                        "testcase needs a classname");
                assertTrue(testcase.hasAttribute("name") && !testcase.getAttribute("name").isEmpty(),
                        "testcase needs a name");
                List<Element> outcome = children(testcase, null);
                assertTrue(outcome.size() <= 1, "at most one outcome per testcase");
                own[0]++;
                if (!outcome.isEmpty()) {
                    switch (outcome.get(0).getTagName()) {
                        case "failure" -> own[1]++;
                        case "error" -> own[2]++;
                        case "skipped" -> own[3]++;
                        default -> fail("unexpected element " + outcome.get(0).getTagName());
                    }
                }
            }
            assertEquals(own[0] + " " + own[1] + " " + own[2] + " " + own[3], counts(suite), suite.getAttribute("name"));
            for (int i = 0; i < 4; i++) {
                total[i] += own[i];
            }
        }
        assertEquals(total[0] + " " + total[1] + " " + total[2] + " ", counts(root));
    }

    /** Element children, all or those named {@code name}. */
    private static List<Element> children(Element parent, String name) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                elements.add(e);
            }
        }
        return elements;
    }
}
