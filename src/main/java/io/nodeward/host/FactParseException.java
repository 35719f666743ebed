package io.nodeward.host;

/** A host file was read but its content is malformed; names the host path, line and field. */
public class FactParseException extends Exception {

    public FactParseException(String path, int line, String problem) {
        super(path + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
