package cn.unionhub.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PortReservationsTest {

    @Test
    void aPortChosenOnceIsNotChosenAgainInThisJvm() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int[] ports = TestInfrastructure.freePorts(3);
            for (int port : ports) {
                assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
                assertThat(PortReservations.heldHere(port)).isTrue();
            }
        }
    }

    /** The failure this guards against: two test JVMs of a parallel build given one broker port. */
    @Test
    void aPortAnotherTestJvmHoldsIsSkipped() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OtherTestJvm.class.getName()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            int[] theirs = Arrays.stream(out.readLine().trim().split(",")).mapToInt(Integer::parseInt).toArray();
            for (int port : theirs) {
                assertThat(PortReservations.claim(port)).as("port %d held by the other JVM", port).isFalse();
            }
        } finally {
            other.getOutputStream().close(); // the other JVM exits when its input ends
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Claims ports, prints them, and holds them until its input closes. */
    public static final class OtherTestJvm {
        public static void main(String[] args) throws Exception {
            int[] ports = TestInfrastructure.freePorts(5);
            System.out.println(String.join(",", Arrays.stream(ports).mapToObj(Integer::toString).toList()));
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the ports until the test is done
            }
        }
    }
}
