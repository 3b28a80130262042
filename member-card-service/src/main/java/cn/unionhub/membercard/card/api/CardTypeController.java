package cn.unionhub.membercard.card.api;

import cn.unionhub.membercard.card.domain.CardType;
import cn.unionhub.platform.web.CodeLabel;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public code list for front-ends (labels in Chinese and English). */
@RestController
@RequestMapping("/api/v1/member-cards")
class CardTypeController {

    @GetMapping("/card-types")
    List<CodeLabel> list() {
        return CodeLabel.of(CardType.values());
    }
}
