package cn.unionhub.devstack;

/** A JVM for {@link ClassSharingTest}: says it is ready, then runs until stopped (or exits at once when asked). */
public final class ArchivedMain {

    private ArchivedMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready");
        System.out.flush();
        if (args.length == 0) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
