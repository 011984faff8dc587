/* agent-power-monitor.c — suspend, resume and network changes
 *
 * A laptop that sleeps with its agent checked in keeps receiving calls nobody answers. When
 * logind says the computer is about to sleep (`PrepareForSleep(true)`) and the setting
 * "check-out-on-suspend" is on, the agent is checked out first: a delay inhibitor lock, taken
 * in advance, holds the suspend until the server answered or two seconds passed.
 *
 * When the computer wakes (`PrepareForSleep(false)`) or the network comes back
 * (GNetworkMonitor::network-changed), nothing waits for the next back-off step: the login is
 * renewed (`getExtension`, which also refreshes the long poll's login line), the event stream
 * catches up at once, the outbox sends what is waiting and — if the agent was checked in
 * before the sleep — they are checked in again, retried whenever the connection returns
 * until it works. Whenever the event stream reconnects, the outbox is told to try at once
 * too, so that a write made during an outage goes out with the first sign of the server.
 *
 * logind lives on the system bus at org.freedesktop.login1; tests set BABAIHU_LOGIND_BUS=session
 * and export a fake Manager on their private session bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-power-monitor"

#include "config.h"

#include <unistd.h>
#include <gio/gunixfdlist.h>
#include <glib/gi18n.h>

#include "agent-popup-manager.h"
#include "agent-power-monitor.h"
#include "agent-trace.h"

#define LOGIND_NAME       "org.freedesktop.login1"
#define LOGIND_PATH       "/org/freedesktop/login1"
#define LOGIND_INTERFACE  "org.freedesktop.login1.Manager"
#define CHECK_OUT_WAIT_MS 2000
#define NETWORK_SETTLE_MS 250
#define DATA_KEY          "agent-power-monitor"

struct _AgentPowerMonitor
{
  GObject          parent_instance;

  /* Owned */
  AgentSession    *session;
  GSettings       *settings;
  GNetworkMonitor *network;
  AgentOutbox     *outbox;
  GDBusConnection *bus;
  GCancellable    *cancellable;
  GCancellable    *check_out_cancellable;
  guint            sleep_subscription;
  guint            check_out_timeout_id;
  guint            network_settle_id;
  int              inhibit_fd;

  guint            sleeping : 1;
  guint            restore_check_in : 1;   /* checked out for the sleep: check in again */
  guint            checking_in : 1;
  guint            inhibiting : 1;         /* an Inhibit call is on its way */
};

G_DEFINE_FINAL_TYPE (AgentPowerMonitor, agent_power_monitor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_OUTBOX,
  PROP_SLEEPING,
  PROP_INHIBITED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
check_out_on_suspend (AgentPowerMonitor *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  /* On by default: a sleeping desk should not be offered calls. */
  if (schema == NULL || !g_settings_schema_has_key (schema, "check-out-on-suspend"))
    return TRUE;
  return g_settings_get_boolean (self->settings, "check-out-on-suspend");
}

/* ---- the inhibitor lock ---- */

static void
release_inhibitor (AgentPowerMonitor *self)
{
  if (self->inhibit_fd < 0)
    return;
  close (self->inhibit_fd);
  self->inhibit_fd = -1;
  g_debug ("Released the sleep inhibitor");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INHIBITED]);
}

static void
on_inhibit_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AgentPowerMonitor) self = user_data;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  int index = -1;
  int fd;

  self->inhibiting = FALSE;
  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object), &fds,
                                                           result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No sleep inhibitor: %s", error->message);
      return;
    }

  g_variant_get (reply, "(h)", &index);
  fd = fds != NULL ? g_unix_fd_list_get (fds, index, &error) : -1;
  if (fd < 0)
    {
      g_debug ("No sleep inhibitor: %s", error ? error->message : "no descriptor");
      return;
    }

  /* Asleep already, or a lock arrived twice: only one is ever held. */
  if (self->sleeping || self->inhibit_fd >= 0)
    {
      close (fd);
      return;
    }
  self->inhibit_fd = fd;
  g_debug ("Holding a sleep inhibitor");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INHIBITED]);
}

static void
take_inhibitor (AgentPowerMonitor *self)
{
  if (self->bus == NULL || self->inhibit_fd >= 0 || self->inhibiting || self->sleeping ||
      !check_out_on_suspend (self))
    return;

  self->inhibiting = TRUE;
  g_dbus_connection_call_with_unix_fd_list (self->bus, LOGIND_NAME, LOGIND_PATH,
                                            LOGIND_INTERFACE, "Inhibit",
                                            g_variant_new ("(ssss)", "sleep",
                                                           g_get_application_name () ?: "Babaihu Agent",
                                                           _("Checking the agent out before the computer sleeps"),
                                                           "delay"),
                                            G_VARIANT_TYPE ("(h)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                            NULL, self->cancellable, on_inhibit_cb,
                                            g_object_ref (self));
}

/* ---- waking up ---- */

static void check_in_again (AgentPowerMonitor *self);

static void
on_check_in_again_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentPowerMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->checking_in = FALSE;
  if (!agent_session_set_checked_in_finish (AGENT_SESSION (object), result, &error))
    {
      /* The network may not be up yet: the next reconnection tries again. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Checking in again after the sleep failed: %s", error->message);
      return;
    }

  self->restore_check_in = FALSE;
  AGENT_TRACE ("resume-check-in", "ok", g_variant_new_boolean (TRUE), NULL);
}

static void
check_in_again (AgentPowerMonitor *self)
{
  if (!self->restore_check_in || self->checking_in || self->sleeping ||
      !agent_session_get_logged_in (self->session))
    return;

  self->checking_in = TRUE;
  agent_session_set_checked_in_async (self->session, TRUE,
                                      agent_session_get_cancellable (self->session),
                                      on_check_in_again_cb, g_object_ref (self));
}

static void
on_relogin_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AgentPowerMonitor) self = user_data;
  g_autoptr(BbhExtension) extension = NULL;
  g_autoptr(GError) error = NULL;
  BbhEventStream *stream;
  const char *login_line;

  extension = bbh_client_get_extension_finish (BBH_CLIENT (object), result, &error);
  if (extension == NULL)
    {
      /* A refused password ends the session through the event stream, which says so. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Renewing the login failed: %s", error->message);
      return;
    }

  /* The same client as the session's: the server may have given this login a new line. */
  stream = agent_session_get_event_stream (self->session);
  login_line = bbh_extension_get_login_line (extension);
  if (stream != NULL && bbh_event_stream_get_client (stream) == BBH_CLIENT (object) &&
      login_line != NULL && g_strcmp0 (login_line, bbh_event_stream_get_login_line (stream)) != 0)
    bbh_event_stream_set_login_line (stream, login_line);

  check_in_again (self);
}

static void
catch_up (AgentPowerMonitor *self,
          const char        *reason)
{
  BbhClient *client = agent_session_get_client (self->session);

  if (self->outbox != NULL)
    agent_outbox_retry_now (self->outbox);

  if (!agent_session_get_logged_in (self->session) || client == NULL)
    return;

  AGENT_TRACE ("catch-up", "reason", g_variant_new_string (reason), NULL);

  /* The event stream first: calls that rang meanwhile are what the agent needs most. */
  agent_session_retry_now (self->session);
  bbh_client_get_extension_async (client, agent_session_get_cancellable (self->session),
                                  on_relogin_cb, g_object_ref (self));
  check_in_again (self);
}

/* ---- going to sleep ---- */

static void
finish_check_out (AgentPowerMonitor *self)
{
  g_clear_handle_id (&self->check_out_timeout_id, g_source_remove);
  g_clear_object (&self->check_out_cancellable);
  release_inhibitor (self);
}

static void
on_check_out_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AgentPowerMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = agent_session_set_checked_in_finish (AGENT_SESSION (object), result, &error);
  AGENT_TRACE ("suspend-check-out", "ok", g_variant_new_boolean (ok), NULL);
  if (!ok)
    g_message ("Checking out before the sleep failed: %s", error->message);
  finish_check_out (self);
}

static gboolean
on_check_out_timeout_cb (gpointer user_data)
{
  AgentPowerMonitor *self = user_data;

  self->check_out_timeout_id = 0;
  if (self->check_out_cancellable != NULL)
    g_cancellable_cancel (self->check_out_cancellable);
  /* The computer sleeps now, whatever the server does. */
  release_inhibitor (self);
  return G_SOURCE_REMOVE;
}

static void
going_to_sleep (AgentPowerMonitor *self)
{
  g_clear_handle_id (&self->network_settle_id, g_source_remove);

  if (!agent_session_get_logged_in (self->session) || !check_out_on_suspend (self) ||
      !agent_session_get_checked_in (self->session))
    {
      release_inhibitor (self);
      return;
    }

  self->restore_check_in = TRUE;
  g_clear_object (&self->check_out_cancellable);
  self->check_out_cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->check_out_timeout_id, g_source_remove);
  self->check_out_timeout_id = g_timeout_add (CHECK_OUT_WAIT_MS, on_check_out_timeout_cb, self);
  agent_session_set_checked_in_async (self->session, FALSE, self->check_out_cancellable,
                                      on_check_out_cb, g_object_ref (self));
}

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender,
                         const char      *path,
                         const char      *interface,
                         const char      *signal,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  gboolean sleeping = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &sleeping);
  agent_power_monitor_prepare_for_sleep (AGENT_POWER_MONITOR (user_data), sleeping);
}

static void
on_bus_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AgentPowerMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("logind's bus is not there, suspend is not watched: %s", error->message);
      return;
    }

  self->bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, LOGIND_NAME, LOGIND_INTERFACE, "PrepareForSleep",
                                        LOGIND_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare_for_sleep_cb, self, NULL);
  if (agent_session_get_logged_in (self->session))
    take_inhibitor (self);
}

/* ---- the session and the network ---- */

static void
on_logged_in_cb (AgentPowerMonitor *self)
{
  if (agent_session_get_logged_in (self->session))
    take_inhibitor (self);
  else
    {
      self->restore_check_in = FALSE;
      release_inhibitor (self);
    }
}

static void
on_connected_cb (AgentPowerMonitor *self)
{
  if (!agent_session_get_connected (self->session))
    return;

  /* The server is back: what waited in the outbox goes now, not at its next back-off step. */
  if (self->outbox != NULL)
    agent_outbox_retry_now (self->outbox);
  check_in_again (self);
}

static gboolean
on_network_settled_cb (gpointer user_data)
{
  AgentPowerMonitor *self = user_data;

  self->network_settle_id = 0;
  catch_up (self, "network");
  return G_SOURCE_REMOVE;
}

static void
on_network_changed_cb (GNetworkMonitor   *network,
                       gboolean           available,
                       AgentPowerMonitor *self)
{
  agent_power_monitor_network_changed (self, available);
}

static void
on_setting_changed_cb (AgentPowerMonitor *self)
{
  if (check_out_on_suspend (self))
    {
      if (agent_session_get_logged_in (self->session))
        take_inhibitor (self);
    }
  else
    release_inhibitor (self);
}

/* ---- GObject ---- */

static void
agent_power_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AgentPowerMonitor *self = AGENT_POWER_MONITOR (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    case PROP_SLEEPING:
      g_value_set_boolean (value, self->sleeping);
      break;
    case PROP_INHIBITED:
      g_value_set_boolean (value, self->inhibit_fd >= 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_power_monitor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AgentPowerMonitor *self = AGENT_POWER_MONITOR (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      agent_power_monitor_set_outbox (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_power_monitor_dispose (GObject *object)
{
  AgentPowerMonitor *self = AGENT_POWER_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->check_out_cancellable != NULL)
    g_cancellable_cancel (self->check_out_cancellable);
  g_clear_handle_id (&self->check_out_timeout_id, g_source_remove);
  g_clear_handle_id (&self->network_settle_id, g_source_remove);
  if (self->bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  release_inhibitor (self);
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_clear_object (&self->network);
  g_clear_object (&self->bus);
  g_clear_object (&self->outbox);
  g_clear_object (&self->check_out_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (agent_power_monitor_parent_class)->dispose (object);
}

static void
agent_power_monitor_finalize (GObject *object)
{
  AgentPowerMonitor *self = AGENT_POWER_MONITOR (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (agent_power_monitor_parent_class)->finalize (object);
}

static void
agent_power_monitor_class_init (AgentPowerMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_power_monitor_get_property;
  object_class->set_property = agent_power_monitor_set_property;
  object_class->dispose = agent_power_monitor_dispose;
  object_class->finalize = agent_power_monitor_finalize;

  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, AGENT_TYPE_OUTBOX,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SLEEPING] =
    g_param_spec_boolean ("sleeping", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INHIBITED] =
    g_param_spec_boolean ("inhibited", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
agent_power_monitor_init (AgentPowerMonitor *self)
{
  self->inhibit_fd = -1;
  self->cancellable = g_cancellable_new ();
}

/* ---- public ---- */

/**
 * agent_power_monitor_new:
 * @session: the application's session
 * @settings: the application's settings
 * @network: (nullable): the network monitor to follow; %NULL for the default one
 *
 * Watches logind's `PrepareForSleep` on the system bus (the session bus when
 * `BABAIHU_LOGIND_BUS=session`) and @network's `network-changed`.
 *
 * Returns: (transfer full): a new monitor
 */
AgentPowerMonitor *
agent_power_monitor_new (AgentSession    *session,
                         GSettings       *settings,
                         GNetworkMonitor *network)
{
  AgentPowerMonitor *self;
  GBusType bus_type = G_BUS_TYPE_SYSTEM;

  g_return_val_if_fail (AGENT_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (network == NULL || G_IS_NETWORK_MONITOR (network), NULL);

  self = g_object_new (AGENT_TYPE_POWER_MONITOR, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);
  self->network = g_object_ref (network != NULL ? network : g_network_monitor_get_default ());

  g_signal_connect_object (session, "notify::logged-in", G_CALLBACK (on_logged_in_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::connected", G_CALLBACK (on_connected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::check-out-on-suspend",
                           G_CALLBACK (on_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->network, "network-changed", G_CALLBACK (on_network_changed_cb), self);

  if (g_strcmp0 (g_getenv ("BABAIHU_LOGIND_BUS"), "session") == 0)
    bus_type = G_BUS_TYPE_SESSION;
  g_bus_get (bus_type, self->cancellable, on_bus_cb, g_object_ref (self));

  return self;
}

/**
 * agent_power_monitor_install:
 * @application: the application
 * @session: its session
 * @settings: its settings
 *
 * Makes the application's monitor, which lives as long as @application and follows the pop-up
 * manager's outbox.
 *
 * Returns: (transfer none): the monitor
 */
AgentPowerMonitor *
agent_power_monitor_install (GtkApplication *application,
                             AgentSession   *session,
                             GSettings      *settings)
{
  AgentPowerMonitor *self;
  AgentPopupManager *manager;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = agent_power_monitor_new (session, settings, NULL);
  g_object_set_data_full (G_OBJECT (application), DATA_KEY, self, g_object_unref);

  manager = agent_popup_manager_get_for_application (application);
  if (manager != NULL)
    g_object_bind_property (manager, "outbox", self, "outbox", G_BINDING_SYNC_CREATE);

  return self;
}

/**
 * agent_power_monitor_get_for_application:
 *
 * Returns: (transfer none) (nullable): the monitor agent_power_monitor_install() made
 */
AgentPowerMonitor *
agent_power_monitor_get_for_application (GtkApplication *application)
{
  return g_object_get_data (G_OBJECT (application), DATA_KEY);
}

/**
 * agent_power_monitor_set_outbox:
 * @self: an #AgentPowerMonitor
 * @outbox: (nullable): the outbox to nudge when the server is back
 */
void
agent_power_monitor_set_outbox (AgentPowerMonitor *self,
                                AgentOutbox       *outbox)
{
  g_return_if_fail (AGENT_IS_POWER_MONITOR (self));
  g_return_if_fail (outbox == NULL || AGENT_IS_OUTBOX (outbox));

  if (g_set_object (&self->outbox, outbox))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
}

/**
 * agent_power_monitor_get_outbox:
 *
 * Returns: (transfer none) (nullable): the outbox
 */
AgentOutbox *
agent_power_monitor_get_outbox (AgentPowerMonitor *self)
{
  g_return_val_if_fail (AGENT_IS_POWER_MONITOR (self), NULL);

  return self->outbox;
}

gboolean
agent_power_monitor_get_sleeping (AgentPowerMonitor *self)
{
  g_return_val_if_fail (AGENT_IS_POWER_MONITOR (self), FALSE);

  return self->sleeping;
}

/**
 * agent_power_monitor_get_inhibited:
 *
 * Returns: whether the monitor holds logind's delay lock, so that a suspend waits for the
 *   check-out
 */
gboolean
agent_power_monitor_get_inhibited (AgentPowerMonitor *self)
{
  g_return_val_if_fail (AGENT_IS_POWER_MONITOR (self), FALSE);

  return self->inhibit_fd >= 0;
}

/**
 * agent_power_monitor_prepare_for_sleep:
 * @self: an #AgentPowerMonitor
 * @sleeping: %TRUE when the computer is about to sleep, %FALSE when it woke up
 *
 * What logind's `PrepareForSleep` does.
 */
void
agent_power_monitor_prepare_for_sleep (AgentPowerMonitor *self,
                                       gboolean           sleeping)
{
  g_return_if_fail (AGENT_IS_POWER_MONITOR (self));

  sleeping = !!sleeping;
  if (self->sleeping == sleeping)
    return;
  self->sleeping = sleeping;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLEEPING]);
  AGENT_TRACE (sleeping ? "suspend" : "resume",
               "checked_in", g_variant_new_boolean (agent_session_get_checked_in (self->session)),
               NULL);

  if (sleeping)
    going_to_sleep (self);
  else
    {
      take_inhibitor (self);
      catch_up (self, "resume");
    }
}

/**
 * agent_power_monitor_network_changed:
 * @self: an #AgentPowerMonitor
 * @available: whether the network is there
 *
 * What GNetworkMonitor's `network-changed` does: a quarter of a second after the last change
 * with the network available, everything catches up.
 */
void
agent_power_monitor_network_changed (AgentPowerMonitor *self,
                                     gboolean           available)
{
  g_return_if_fail (AGENT_IS_POWER_MONITOR (self));

  g_clear_handle_id (&self->network_settle_id, g_source_remove);
  if (!available || self->sleeping)
    return;
  self->network_settle_id = g_timeout_add (NETWORK_SETTLE_MS, on_network_settled_cb, self);
}
