package io.nodeward.scan;

import io.nodeward.benchmark.BenchmarkCatalog;
import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeySpace;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Real scanners with one thing changed, for tests outside this package: the seams of {@link Scanner}. */
public final class TestScanners {

    private TestScanners() {
    }

    /** The real scanner, with {@code afterSnapshot} run between the process snapshot and the readers. */
    public static Scanner changingTheHostAfterTheSnapshot(ScannerSettings settings, Runnable afterSnapshot) {
        BenchmarkCatalog catalog = Scanner.catalog(settings);
        return new Scanner(settings, catalog, Clock.systemUTC(),
                FactReaders.all(settings.kubeletExpected(), Scanner.ports(catalog.factKeys()),
                catalog.releases(), Clock.systemUTC(), catalog.distributions()), afterSnapshot);
    }

    /** The real scanner, except that the reader called {@code name} throws {@code thrown} every time. */
    public static Scanner withAReaderThatThrows(ScannerSettings settings, String name, Throwable thrown) {
        BenchmarkCatalog catalog = Scanner.catalog(settings);
        List<FactReader> readers = new ArrayList<>();
        for (FactReader reader : FactReaders.all(settings.kubeletExpected(), Scanner.ports(catalog.factKeys()),
                catalog.releases(), Clock.systemUTC(), catalog.distributions())) {
            readers.add(reader.name().equals(name) ? new Throwing(reader, thrown) : reader);
        }
        return new Scanner(settings, catalog, Clock.systemUTC(), readers, () -> { });
    }

    /** The real scanner, with every reader and check on {@code clock} instead of the system clock. */
    public static Scanner withClock(ScannerSettings settings, Clock clock) {
        BenchmarkCatalog catalog = Scanner.catalog(settings);
        return new Scanner(settings, catalog, clock, FactReaders.all(settings.kubeletExpected(),
                Scanner.ports(catalog.factKeys()), catalog.releases(), clock, catalog.distributions()), () -> { });
    }

    /** A reader that declares what {@code real} declares and throws instead of reading. */
    private record Throwing(FactReader real, Throwable thrown) implements FactReader {
        @Override
        public String name() {
            return real.name();
        }

        @Override
        public KeySpace keys() {
            return real.keys();
        }

        @Override
        public List<Fact> read(HostScan host, HostFacts known) {
            sneakyThrow(thrown);
            return List.of();
        }

        @Override
        public Optional<String> component(String key) {
            return real.component(key);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
