package dev.switchboard.messages;

import dev.switchboard.config.MessagesConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

import java.util.List;

/** E-mail over SMTP; the message's key is its Message-ID, the same on every try. */
final class MailChannel implements Channel {

    private final MailClient client;
    private final String from;

    MailChannel(Vertx vertx, MessagesConfig.Smtp smtp) {
        MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
                .setStarttls(smtp.startTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                .setLogin(smtp.user().isPresent() ? LoginOption.REQUIRED : LoginOption.DISABLED)
                .setKeepAlive(false);
        smtp.user().ifPresent(config::setUsername);
        smtp.password().ifPresent(config::setPassword);
        this.client = MailClient.create(vertx, config);
        this.from = smtp.from();
    }

    @Override
    public Future<Void> send(OutgoingMessage message) {
        MailMessage mail = new MailMessage().setFrom(from).setTo(message.recipient()).setSubject(message.subject())
                .setText(message.body())
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Message-ID", "<" + message.key() + "@switchboard>"));
        if (message.calendar() != null) {
            mail.setAttachment(List.of(MailAttachment.create().setName("visit.ics")
                    .setContentType("text/calendar; charset=UTF-8").setData(Buffer.buffer(message.calendar()))));
        }
        return client.sendMail(mail).mapEmpty();
    }

    void close() {
        client.close();
    }
}
