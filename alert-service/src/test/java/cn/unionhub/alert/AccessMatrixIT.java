package cn.unionhub.alert;

import cn.unionhub.test.AbstractAccessMatrixIT;

class AccessMatrixIT extends AbstractAccessMatrixIT {
}
