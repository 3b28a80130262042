package cn.unionhub.contest;

import cn.unionhub.test.AbstractAccessMatrixIT;

class AccessMatrixIT extends AbstractAccessMatrixIT {
}
