package cn.unionhub.station;

import cn.unionhub.test.AbstractAccessMatrixIT;

class AccessMatrixIT extends AbstractAccessMatrixIT {
}
