package io.nodeward.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes FIFOs in test trees: Java cannot, so tests run mkfifo(1) (main code never shells out). */
public final class Fifos {

    private Fifos() {
    }

    public static Path mkfifo(Path path) throws IOException, InterruptedException {
        Files.createDirectories(path.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        return path;
    }
}
