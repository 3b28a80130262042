package cn.unionhub.contest;

import cn.unionhub.contest.fixtures.RegisteredWelders;
import cn.unionhub.contest.fixtures.ShiftedTime;
import cn.unionhub.test.AbstractAccessMatrixIT;
import org.springframework.context.annotation.Import;

@Import({ShiftedTime.class, RegisteredWelders.class}) // one context for every integration test of the service
class AccessMatrixIT extends AbstractAccessMatrixIT {
}
