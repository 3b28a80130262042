package cn.unionhub.feedback;

import cn.unionhub.test.AbstractAccessMatrixIT;

class AccessMatrixIT extends AbstractAccessMatrixIT {
}
