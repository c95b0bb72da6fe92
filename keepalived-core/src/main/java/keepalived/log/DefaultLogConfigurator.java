package keepalived.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * logback's start-up configuration, found through ServiceLoader instead of a logback.xml:
 * INFO and above to stderr in keepalived's console format. Until
 * {@link DaemonLogging#configure} runs (and always for -t) that is where the log goes;
 * configure then adds syslog and keeps the console only with -l.
 */
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ConsoleAppender console = new ConsoleAppender();
        console.setContext(context);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
