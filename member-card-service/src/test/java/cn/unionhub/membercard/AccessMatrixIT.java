package cn.unionhub.membercard;

import cn.unionhub.test.AbstractAccessMatrixIT;

class AccessMatrixIT extends AbstractAccessMatrixIT {
}
