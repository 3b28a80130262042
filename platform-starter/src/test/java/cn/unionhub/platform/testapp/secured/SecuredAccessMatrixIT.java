package cn.unionhub.platform.testapp.secured;

import cn.unionhub.test.AbstractAccessMatrixIT;

class SecuredAccessMatrixIT extends AbstractAccessMatrixIT {
}
