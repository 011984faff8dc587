/* agent-session.c — the logged-in agent: client, identity, check-in state, event stream
 *
 * The application owns one AgentSession for its whole life; logging in fills it and logging
 * out empties it again. Everything that talks to the server in the agent's name takes the
 * client from here, and the session's cancellable, which logging out cancels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-session"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-session.h"
#include "agent-trace.h"

/* Checking out on the way out is a courtesy to the call center: never worth a hung quit. */
#define CHECK_OUT_WAIT_MS 2000

struct _AgentSession
{
  GObject parent_instance;

  /* Owned */
  GSettings      *settings;
  BbhClient      *client;
  BbhExtension   *extension;
  BbhEventStream *stream;
  GCancellable   *cancellable;
  GCancellable   *login_cancellable;
  char           *server;
  char           *account;

  AgentWatermarkLoadFunc watermark_load;
  AgentWatermarkSaveFunc watermark_save;
  gpointer               watermark_data;
  GDestroyNotify         watermark_destroy;

  guint           pending_check_ins;   /* check-in requests on their way */
  guint           checked_in : 1;
  guint           busy : 1;
};

G_DEFINE_FINAL_TYPE (AgentSession, agent_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_LOGGED_IN,
  PROP_BUSY,
  PROP_CLIENT,
  PROP_EXTENSION,
  PROP_IS_ADMIN,
  PROP_CHECKED_IN,
  PROP_CONNECTED,
  PROP_RETRY_IN,
  N_PROPS
};

enum {
  CALL_EVENT,
  ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (AgentSession *self,
          gboolean      busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_checked_in (AgentSession *self,
                gboolean      checked_in)
{
  checked_in = !!checked_in;
  if (self->checked_in == checked_in)
    return;
  self->checked_in = checked_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_IN]);
}

static void
on_stream_event_cb (AgentSession *self,
                    BbhEvent     *event)
{
  AGENT_TRACE ("event-received",
               "phone", g_variant_new_string (bbh_event_get_phone (event) ?: ""),
               "kind", g_variant_new_int32 (bbh_event_get_kind (event)),
               "status", g_variant_new_int32 (bbh_event_get_status (event)),
               "msg_time", g_variant_new_int64 (bbh_event_get_time_ms (event)),
               "cdrId", g_variant_new_take_string (g_strdup_printf ("%" G_GINT64_FORMAT,
                                                                    bbh_event_get_cdr_id (event))),
               "backlog", g_variant_new_boolean (bbh_event_get_backlog (event)),
               NULL);

  g_signal_emit (self, signals[CALL_EVENT], 0, event);
}

static void on_ended_logout_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data);

/* The server no longer takes the password (changed, or the account was removed): the stream
 * has stopped, and the session ends with a reason the application shows. */
static void
on_stream_error_cb (AgentSession *self,
                    GError       *error)
{
  g_autoptr(GError) reason = NULL;

  if (!g_error_matches (error, BBH_ERROR, BBH_ERROR_AUTH))
    return;

  reason = g_error_copy (error);
  agent_session_logout_async (self, on_ended_logout_cb, NULL);
  g_signal_emit (self, signals[ENDED], 0, reason);
}

static void
on_ended_logout_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  agent_session_logout_finish (AGENT_SESSION (object), result, NULL);
}

static void
on_stream_connected_cb (AgentSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
on_stream_retry_in_cb (AgentSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_IN]);
}

static void
on_stream_watermark_cb (AgentSession *self)
{
  if (self->watermark_save != NULL && self->stream != NULL)
    self->watermark_save (self, self->server, self->account,
                          bbh_event_stream_get_watermark (self->stream),
                          self->watermark_data);
}

static void
start_stream (AgentSession *self)
{
  g_assert (self->stream == NULL);

  self->stream = bbh_event_stream_new (self->client);
  bbh_event_stream_set_transport (self->stream,
                                  g_settings_get_enum (self->settings, "event-transport"));
  bbh_event_stream_set_poll_interval (self->stream,
                                      g_settings_get_uint (self->settings, "poll-interval-ms"));
  if (bbh_extension_get_login_line (self->extension) != NULL)
    bbh_event_stream_set_login_line (self->stream, bbh_extension_get_login_line (self->extension));

  if (self->watermark_load != NULL)
    {
      gint64 stored = self->watermark_load (self, self->server, self->account, self->watermark_data);

      if (stored >= 0)
        bbh_event_stream_set_watermark (self->stream, stored);
    }

  g_signal_connect_object (self->stream, "event",
                           G_CALLBACK (on_stream_event_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "error",
                           G_CALLBACK (on_stream_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "notify::connected",
                           G_CALLBACK (on_stream_connected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "notify::retry-in",
                           G_CALLBACK (on_stream_retry_in_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "notify::watermark",
                           G_CALLBACK (on_stream_watermark_cb), self, G_CONNECT_SWAPPED);

  bbh_event_stream_start (self->stream);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
stop_stream (AgentSession *self)
{
  if (self->stream == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->stream, self);
  bbh_event_stream_stop (self->stream);
  g_clear_object (&self->stream);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_IN]);
}

static void
on_settings_changed_cb (AgentSession *self,
                        const char   *key)
{
  if (self->stream == NULL)
    return;

  if (g_str_equal (key, "event-transport"))
    bbh_event_stream_set_transport (self->stream,
                                    g_settings_get_enum (self->settings, "event-transport"));
  else if (g_str_equal (key, "poll-interval-ms"))
    bbh_event_stream_set_poll_interval (self->stream,
                                        g_settings_get_uint (self->settings, "poll-interval-ms"));
}

static void
on_login_check_in_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!agent_session_set_checked_in_finish (AGENT_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Checking in at login failed: %s", error->message);
}

typedef struct
{
  GCancellable *cancellable;         /* ours: a newer login or a logout cancels it */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
} LoginData;

static void
login_data_free (LoginData *data)
{
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static void
on_caller_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
on_get_extension_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BbhClient *client = BBH_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  AgentSession *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(BbhExtension) extension = NULL;
  g_autoptr(GError) error = NULL;

  extension = bbh_client_get_extension_finish (client, result, &error);

  if (data->cancellable != self->login_cancellable)
    {
      /* A newer login or a logout overtook this one. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Superseded");
      return;
    }
  g_clear_object (&self->login_cancellable);
  set_busy (self, FALSE);

  if (extension == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->client = g_object_ref (client);
  self->extension = g_object_ref (extension);
  self->server = g_strdup (bbh_client_get_base_url (client));
  self->account = g_strdup (bbh_client_get_account (client));
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  AGENT_TRACE ("login-ok",
               "account", g_variant_new_string (self->account),
               "extension", g_variant_new_string (bbh_extension_get_extension (extension) ?: ""),
               "admin", g_variant_new_boolean (bbh_extension_get_is_admin (extension)),
               NULL);

  start_stream (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ADMIN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
  g_object_thaw_notify (G_OBJECT (self));

  if (g_settings_get_boolean (self->settings, "check-in-at-login"))
    agent_session_set_checked_in_async (self, TRUE, self->cancellable,
                                        on_login_check_in_cb, NULL);

  g_task_return_pointer (task, g_steal_pointer (&extension), g_object_unref);
}

static void
agent_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AgentSession *self = AGENT_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_LOGGED_IN:
      g_value_set_boolean (value, agent_session_get_logged_in (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_EXTENSION:
      g_value_set_object (value, self->extension);
      break;
    case PROP_IS_ADMIN:
      g_value_set_boolean (value, agent_session_get_is_admin (self));
      break;
    case PROP_CHECKED_IN:
      g_value_set_boolean (value, self->checked_in);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, agent_session_get_connected (self));
      break;
    case PROP_RETRY_IN:
      g_value_set_uint (value, agent_session_get_retry_in (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AgentSession *self = AGENT_SESSION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_session_constructed (GObject *object)
{
  AgentSession *self = AGENT_SESSION (object);

  G_OBJECT_CLASS (agent_session_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
agent_session_dispose (GObject *object)
{
  AgentSession *self = AGENT_SESSION (object);

  if (self->login_cancellable != NULL)
    g_cancellable_cancel (self->login_cancellable);
  g_clear_object (&self->login_cancellable);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  stop_stream (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->extension);
  g_clear_object (&self->settings);

  if (self->watermark_destroy != NULL)
    self->watermark_destroy (self->watermark_data);
  self->watermark_destroy = NULL;
  self->watermark_load = NULL;
  self->watermark_save = NULL;

  G_OBJECT_CLASS (agent_session_parent_class)->dispose (object);
}

static void
agent_session_finalize (GObject *object)
{
  AgentSession *self = AGENT_SESSION (object);

  g_free (self->server);
  g_free (self->account);

  G_OBJECT_CLASS (agent_session_parent_class)->finalize (object);
}

static void
agent_session_class_init (AgentSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_session_get_property;
  object_class->set_property = agent_session_set_property;
  object_class->constructed = agent_session_constructed;
  object_class->dispose = agent_session_dispose;
  object_class->finalize = agent_session_finalize;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGGED_IN] =
    g_param_spec_boolean ("logged-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BBH_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXTENSION] =
    g_param_spec_object ("extension", NULL, NULL, BBH_TYPE_EXTENSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_ADMIN] =
    g_param_spec_boolean ("is-admin", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHECKED_IN] =
    g_param_spec_boolean ("checked-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RETRY_IN] =
    g_param_spec_uint ("retry-in", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentSession::call-event:
   * @self: the session
   * @event: a #BbhEvent from the event stream
   *
   * Every event the stream delivers, after `event-received` was traced.
   */
  signals[CALL_EVENT] =
    g_signal_new ("call-event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BBH_TYPE_EVENT);

  /**
   * AgentSession::ended:
   * @self: the session
   * @reason: why, in words
   *
   * The server ended the session (it no longer accepts the password); the session is logged
   * out already.
   */
  signals[ENDED] =
    g_signal_new ("ended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
agent_session_init (AgentSession *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * agent_session_new:
 * @settings: (nullable): the application's settings, or %NULL for `org.babaihu.Agent`
 *
 * Returns: (transfer full): a logged-out session
 */
AgentSession *
agent_session_new (GSettings *settings)
{
  return g_object_new (AGENT_TYPE_SESSION, "settings", settings, NULL);
}

/**
 * agent_session_login_async:
 * @self: a logged-out #AgentSession
 * @server: the server's base URL
 * @account: the account (company number and extension)
 * @password_md5: the MD5 of the password, as bbh_password_md5() makes it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answered
 * @user_data: data for @callback
 *
 * Logs in with `getExtension`; on success writes `login-ok`, starts the event stream and, when
 * "check-in-at-login" is set, checks the agent in.
 */
void
agent_session_login_async (AgentSession        *self,
                           const char          *server,
                           const char          *account,
                           const char          *password_md5,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BbhClient) client = NULL;
  LoginData *data;

  g_return_if_fail (AGENT_IS_SESSION (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (password_md5 != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_session_login_async);

  if (agent_session_get_logged_in (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("Log out before logging in with another account."));
      return;
    }

  if (self->login_cancellable != NULL)
    g_cancellable_cancel (self->login_cancellable);
  g_clear_object (&self->login_cancellable);
  self->login_cancellable = g_cancellable_new ();
  data = g_new0 (LoginData, 1);
  data->cancellable = g_object_ref (self->login_cancellable);
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (on_caller_cancelled_cb),
                                                    g_object_ref (self->login_cancellable),
                                                    g_object_unref);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  client = bbh_client_new (server, account, password_md5);
  agent_trace_connect_client (G_OBJECT (client));
  set_busy (self, TRUE);

  bbh_client_get_extension_async (client, self->login_cancellable,
                                  on_get_extension_cb, g_steal_pointer (&task));
}

/**
 * agent_session_login_finish:
 *
 * Returns: (transfer full): the logged-in agent, or %NULL with @error set
 */
BbhExtension *
agent_session_login_finish (AgentSession  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  BbhClient    *client;
  GCancellable *cancellable;
  guint         timeout_id;
} LogoutData;

static void
logout_data_free (LogoutData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->client);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static gboolean
on_check_out_timeout_cb (gpointer user_data)
{
  LogoutData *data = user_data;

  data->timeout_id = 0;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_check_out_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = bbh_client_set_user_check_in_out_finish (BBH_CLIENT (object), result, &error);
  AGENT_TRACE ("check-in",
               "checked_in", g_variant_new_boolean (FALSE),
               "ok", g_variant_new_boolean (ok),
               "reason", g_variant_new_string (ok ? "logout" : error->message),
               NULL);
  if (!ok)
    g_message ("Checking out on logout failed: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

/**
 * agent_session_logout_async:
 * @self: a #AgentSession
 * @callback: called when the session is empty
 * @user_data: data for @callback
 *
 * Stops the event stream, cancels what the session started and checks the agent out when
 * they were checked in — waiting at most two seconds for the server, so that quitting is never
 * held up by a server that does not answer. The session is logged out at once; the callback
 * runs when the check-out is done or given up.
 */
void
agent_session_logout_async (AgentSession        *self,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_checked_in;
  g_autoptr(BbhClient) client = NULL;
  g_autoptr(BbhExtension) extension = NULL;
  LogoutData *data;

  g_return_if_fail (AGENT_IS_SESSION (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, agent_session_logout_async);

  if (self->login_cancellable != NULL)
    g_cancellable_cancel (self->login_cancellable);
  g_clear_object (&self->login_cancellable);
  set_busy (self, FALSE);

  if (!agent_session_get_logged_in (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A check-in still on its way may reach the server after all: check out then too. */
  was_checked_in = self->checked_in || self->pending_check_ins > 0;
  client = g_steal_pointer (&self->client);
  extension = g_steal_pointer (&self->extension);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  stop_stream (self);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->account, g_free);

  g_object_freeze_notify (G_OBJECT (self));
  set_checked_in (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ADMIN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
  g_object_thaw_notify (G_OBJECT (self));

  if (!was_checked_in)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (LogoutData, 1);
  data->client = g_object_ref (client);
  data->cancellable = g_cancellable_new ();
  data->timeout_id = g_timeout_add (CHECK_OUT_WAIT_MS, on_check_out_timeout_cb, data);
  g_task_set_task_data (task, data, (GDestroyNotify) logout_data_free);

  bbh_client_set_user_check_in_out_async (client, bbh_extension_get_extension (extension),
                                          BBH_CHECK_OUT, data->cancellable,
                                          on_check_out_cb, g_steal_pointer (&task));
}

gboolean
agent_session_logout_finish (AgentSession  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_set_check_in_out_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AgentSession *self = g_task_get_source_object (task);
  gboolean wanted = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = bbh_client_set_user_check_in_out_finish (BBH_CLIENT (object), result, &error);
  if (wanted)
    self->pending_check_ins--;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    AGENT_TRACE ("check-in",
                 "checked_in", g_variant_new_boolean (wanted),
                 "ok", g_variant_new_boolean (ok),
                 NULL);

  if (!ok)
    {
      /* The switch snaps back to the state the server has. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_IN]);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->client == BBH_CLIENT (object))
    set_checked_in (self, wanted);
  g_task_return_boolean (task, TRUE);
}

/**
 * agent_session_set_checked_in_async:
 * @self: a logged-in #AgentSession
 * @checked_in: %TRUE to check in (take calls), %FALSE to check out
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answered
 * @user_data: data for @callback
 *
 * Always asks the server (`setUserCheckInOut` status 0 or 1), even when the state seems to be
 * the wanted one already, and writes `check-in` (`checked_in`, `ok`).
 */
void
agent_session_set_checked_in_async (AgentSession        *self,
                                    gboolean             checked_in,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AGENT_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, agent_session_set_checked_in_async);
  g_task_set_task_data (task, GINT_TO_POINTER (!!checked_in), NULL);

  if (!agent_session_get_logged_in (self))
    {
      AGENT_TRACE ("check-in",
                   "checked_in", g_variant_new_boolean (checked_in),
                   "ok", g_variant_new_boolean (FALSE),
                   "reason", g_variant_new_string ("not logged in"),
                   NULL);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Log in first."));
      return;
    }

  if (checked_in)
    self->pending_check_ins++;
  bbh_client_set_user_check_in_out_async (self->client,
                                          bbh_extension_get_extension (self->extension),
                                          checked_in ? BBH_CHECK_IN : BBH_CHECK_OUT,
                                          cancellable,
                                          on_set_check_in_out_cb, g_steal_pointer (&task));
}

gboolean
agent_session_set_checked_in_finish (AgentSession  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
agent_session_get_logged_in (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), FALSE);

  return self->extension != NULL;
}

gboolean
agent_session_get_busy (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), FALSE);

  return self->busy;
}

/**
 * agent_session_get_client:
 *
 * Returns: (transfer none) (nullable): the logged-in client
 */
BbhClient *
agent_session_get_client (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), NULL);

  return self->client;
}

/**
 * agent_session_get_extension:
 *
 * Returns: (transfer none) (nullable): the logged-in agent
 */
BbhExtension *
agent_session_get_extension (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), NULL);

  return self->extension;
}

/**
 * agent_session_get_event_stream:
 *
 * Returns: (transfer none) (nullable): the running event stream while logged in
 */
BbhEventStream *
agent_session_get_event_stream (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), NULL);

  return self->stream;
}

/**
 * agent_session_get_cancellable:
 *
 * Returns: (transfer none): cancelled when the agent logs out; requests made in the agent's
 *   name should use it
 */
GCancellable *
agent_session_get_cancellable (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), NULL);

  return self->cancellable;
}

const char *
agent_session_get_server (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), NULL);

  return self->server;
}

const char *
agent_session_get_account (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), NULL);

  return self->account;
}

gboolean
agent_session_get_is_admin (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), FALSE);

  return self->extension != NULL && bbh_extension_get_is_admin (self->extension);
}

gboolean
agent_session_get_checked_in (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), FALSE);

  return self->checked_in;
}

gboolean
agent_session_get_connected (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), FALSE);

  return self->stream != NULL && bbh_event_stream_get_connected (self->stream);
}

guint
agent_session_get_retry_in (AgentSession *self)
{
  g_return_val_if_fail (AGENT_IS_SESSION (self), 0);

  return self->stream != NULL ? bbh_event_stream_get_retry_in (self->stream) : 0;
}

void
agent_session_retry_now (AgentSession *self)
{
  g_return_if_fail (AGENT_IS_SESSION (self));

  if (self->stream != NULL)
    bbh_event_stream_retry_now (self->stream);
}

/**
 * agent_session_set_watermark_store:
 * @self: a #AgentSession
 * @load: (nullable): returns the stored watermark when the stream starts
 * @save: (nullable): called whenever the stream's watermark moves
 * @user_data: data for both
 * @destroy: (nullable): frees @user_data
 *
 * Lets the outbox keep the watermark next to its queue, so that a restart neither pops old
 * calls again nor misses the ones that came while the application was closed.
 */
void
agent_session_set_watermark_store (AgentSession           *self,
                                   AgentWatermarkLoadFunc  load,
                                   AgentWatermarkSaveFunc  save,
                                   gpointer                user_data,
                                   GDestroyNotify          destroy)
{
  g_return_if_fail (AGENT_IS_SESSION (self));

  if (self->watermark_destroy != NULL)
    self->watermark_destroy (self->watermark_data);

  self->watermark_load = load;
  self->watermark_save = save;
  self->watermark_data = user_data;
  self->watermark_destroy = destroy;
}
