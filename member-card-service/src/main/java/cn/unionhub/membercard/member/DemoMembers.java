package cn.unionhub.membercard.member;

import cn.unionhub.membercard.member.domain.EnrolmentForm;
import cn.unionhub.membercard.registry.RegistryService;
import cn.unionhub.platform.web.CsvRows;
import cn.unionhub.security.Actor;
import cn.unionhub.security.Role;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The demo members of the local run ({@code registry/demo/members.csv}), after the demo register:
 * the workers behind the identity server's demo accounts, linked to those accounts, and a few
 * sanitation workers and couriers in joint unions. Enrolled like any list, so a second start finds
 * them on file and changes nothing. Identity numbers there are generated with valid check characters.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "unionhub.registry.demo-data", havingValue = "true")
class DemoMembers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoMembers.class);
    private static final Actor SYSTEM = new Actor("system:demo-data", Set.of(Role.ADMIN), null, null);

    private final MemberEnrolments enrolments;
    private final RegistryService registry;

    DemoMembers(MemberEnrolments enrolments, RegistryService registry) {
        this.enrolments = enrolments;
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Map<String, List<EnrolmentForm>> byUnion = new LinkedHashMap<>();
        try (Reader in = new InputStreamReader(new ClassPathResource("registry/demo/members.csv").getInputStream(),
                StandardCharsets.UTF_8)) {
            CsvRows csv = new CsvRows(in);
            csv.next();
            for (List<String> f = csv.next(); f != null; f = csv.next()) {
                byUnion.computeIfAbsent(unionId(f.get(0)), u -> new ArrayList<>())
                        .add(new EnrolmentForm(f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6)));
            }
        }
        byUnion.forEach((union, rows) -> {
            var results = enrolments.enrolList(union, rows, SYSTEM);
            long enrolled = results.stream().filter(r -> r.result().equals("ENROLLED")).count();
            log.info("Demo members of {}: {} listed, {} enrolled now", union, rows.size(), enrolled);
        });
    }

    /** {@code GH-<USCC>} as it is, or {@code <joint union name>@<district>}. */
    private String unionId(String reference) {
        int at = reference.lastIndexOf('@');
        if (at < 0) {
            return reference;
        }
        return registry.jointUnion(reference.substring(at + 1), reference.substring(0, at))
                .orElseThrow(() -> new UncheckedIOException(new IOException("demo union not registered: " + reference)))
                .id();
    }
}
