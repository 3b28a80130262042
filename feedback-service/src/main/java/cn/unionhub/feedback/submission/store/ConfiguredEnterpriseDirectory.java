package cn.unionhub.feedback.submission.store;

import cn.unionhub.feedback.submission.FeedbackProperties;
import cn.unionhub.feedback.submission.domain.Enterprise;
import cn.unionhub.feedback.submission.domain.EnterpriseDirectory;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The enterprise directory as configured. To be replaced by an event-fed copy of the union
 * organisation registry once member-card-service publishes it (see docs/architecture.md).
 */
@Component
class ConfiguredEnterpriseDirectory implements EnterpriseDirectory {

    private final Map<String, Enterprise> byUscc;

    ConfiguredEnterpriseDirectory(FeedbackProperties properties) {
        this.byUscc = properties.enterprises().stream().collect(Collectors.toMap(Enterprise::uscc, Function.identity()));
    }

    @Override
    public Optional<Enterprise> find(String uscc) {
        return Optional.ofNullable(byUscc.get(uscc));
    }
}
