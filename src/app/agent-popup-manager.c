/* agent-popup-manager.c — which pop-up shows which call; missed calls and notifications
 *
 * Pop-ups are made before they are needed: a small pool is built and realized at login (right
 * after the window's first frame), so that a ringing call only fills labels and presents a
 * window that already exists. Each call
 * gets its own pop-up — several calls at once stack, none overwrites another — and a pop-up
 * the agent closes goes back to the pool.
 *
 * A call that stops ringing before anyone answers is a missed call: a notification with
 * "Call Back" and an entry in the missed list. Calls that came while the application was
 * closed (the stream's backlog) are only listed as missed: popping a pop-up for a call that
 * ended an hour ago helps nobody.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-popup-manager"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-application.h"
#include "agent-dialer.h"
#include "agent-window.h"
#include "agent-phone.h"
#include "agent-popup-manager.h"
#include "agent-popup-manager-private.h"
#include "agent-trace.h"

#define POOL_SIZE    2
#define POOL_MAX     4
#define MISSED_MAX   100
#define DATA_KEY     "agent-popup-manager"

struct _AgentPopupManager
{
  GObject         parent_instance;

  /* Borrowed */
  GtkApplication *application;

  /* Owned */
  AgentSession   *session;
  GSettings      *settings;
  AgentOutbox    *outbox;
  AgentOutbox    *opening;      /* the outbox while it opens: only its watermark is read */
  AgentDialer    *dialer;
  GPtrArray      *pool;         /* hidden pop-ups, ready */
  GListStore     *popups;       /* pop-ups following or showing a call, oldest first */
  GListStore     *missed;       /* BbhEvent, newest first */
  GHashTable     *backlog;      /* phone → the backlog ringing event listed as missed */
  GHashTable     *unpopped;     /* phone → a ringing event not popped (pop-up on answer) */
  guint           refill_id;
  gboolean        shut_down;    /* the application is going away: no new windows */
};

G_DEFINE_FINAL_TYPE (AgentPopupManager, agent_popup_manager, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_OUTBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_POPUP_SHOWN,
  SIGNAL_MISSED_CALL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- settings (the preferences window's "Pop-up" and "Notifications") ---- */

static gboolean
setting_bool (AgentPopupManager *self,
              const char        *key,
              gboolean           fallback)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return fallback;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, key))
    return fallback;
  return g_settings_get_boolean (self->settings, key);
}

static gboolean
pop_on_answer (AgentPopupManager *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *when = NULL;

  if (self->settings == NULL)
    return FALSE;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "popup-show-on"))
    return FALSE;
  when = g_settings_get_string (self->settings, "popup-show-on");
  return g_strcmp0 (when, "answer") == 0;
}

/* "Close the pop-up after the call": once the call is over and nothing typed is unsaved. */
static void
maybe_close_after_call (AgentPopupManager *self,
                        AgentCallPopup    *popup)
{
  AgentCallState state = agent_call_popup_get_state (popup);

  if ((state == AGENT_CALL_STATE_ENDED || state == AGENT_CALL_STATE_MISSED) &&
      gtk_widget_get_visible (GTK_WIDGET (popup)) &&
      !agent_call_popup_has_unsaved_memo (popup) &&
      setting_bool (self, "popup-close-after-call", FALSE))
    agent_call_popup_close (popup);
}

static void
on_popup_state_cb (AgentCallPopup    *popup,
                   GParamSpec        *pspec,
                   AgentPopupManager *self)
{
  maybe_close_after_call (self, popup);
}

static void
on_popup_memo_changed_cb (GtkTextBuffer     *buffer,
                          AgentPopupManager *self)
{
  maybe_close_after_call (self, g_object_get_data (G_OBJECT (buffer), "agent-call-popup"));
}

/* ---- the pool ---- */

static void on_popup_closed_cb (AgentPopupManager *self,
                                AgentCallPopup    *popup);

static AgentCallPopup *
make_popup (AgentPopupManager *self)
{
  AgentCallPopup *popup = agent_call_popup_new (self->application);
  GtkTextBuffer *buffer;

  g_object_ref_sink (popup);
  buffer = agent_call_popup_get_memo_buffer (popup);

  g_signal_connect_object (popup, "closed", G_CALLBACK (on_popup_closed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (popup, "notify::state", G_CALLBACK (on_popup_state_cb), self, 0);
  /* The buffer is the pop-up's own: it never outlives it. */
  g_object_set_data (G_OBJECT (buffer), "agent-call-popup", popup);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_popup_memo_changed_cb), self, 0);
  /* The surface exists before the first call: presenting only maps it. */
  gtk_widget_realize (GTK_WIDGET (popup));
  return popup;
}

/* The pop-up the next call takes (take_popup(): the last of the pool) if it has never drawn:
 * only that one is prepared, since each prepared context keeps its compiled shaders (about
 * 14 MB with llvmpipe). A pop-up closed goes back to the end of the pool, drawn already;
 * new ones go to the front. */
static AgentCallPopup *
unprepared_popup (AgentPopupManager *self)
{
  AgentCallPopup *next;

  if (self->pool->len == 0)
    return NULL;
  next = g_ptr_array_index (self->pool, self->pool->len - 1);
  return g_object_get_data (G_OBJECT (next), "agent-renderer-prepared") == NULL ? next : NULL;
}

/* One pop-up per idle turn: building one takes a few milliseconds (more on a loaded
 * machine), and an event that arrives meanwhile must not wait for the whole pool. */
static gboolean
on_refill_cb (gpointer user_data)
{
  AgentPopupManager *self = user_data;

  AgentCallPopup *unprepared = self->shut_down ? NULL : unprepared_popup (self);

  if (unprepared != NULL)
    agent_popup_manager_prepare_renderer (GTK_WINDOW (unprepared), self->application);
  else if (!self->shut_down && self->pool->len < POOL_SIZE)
    g_ptr_array_insert (self->pool, 0, make_popup (self));

  if (self->shut_down || (self->pool->len >= POOL_SIZE && unprepared_popup (self) == NULL))
    {
      self->refill_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
schedule_refill (AgentPopupManager *self)
{
  if (self->refill_id == 0 && !self->shut_down)
    self->refill_id = g_idle_add_full (G_PRIORITY_LOW, on_refill_cb, self, NULL);
}

/* At login the pool is built once the main window has painted its first logged-in frame:
 * the agent sees the window first, and the pop-up is ready long before the first call. */
static void
on_after_first_paint_cb (GdkFrameClock     *clock,
                         AgentPopupManager *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_first_paint_cb, self);
  schedule_refill (self);
}

static void
prepare_after_first_frame (AgentPopupManager *self)
{
  GdkFrameClock *clock = NULL;

  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (AGENT_IS_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      {
        clock = gtk_widget_get_frame_clock (l->data);
        break;
      }

  if (clock == NULL)
    {
      schedule_refill (self);
      return;
    }

  g_signal_handlers_disconnect_by_func (clock, on_after_first_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_first_paint_cb), self, 0);
}

static AgentCallPopup *
take_popup (AgentPopupManager *self)
{
  AgentCallPopup *popup;

  if (self->pool->len > 0)
    popup = g_ptr_array_steal_index (self->pool, self->pool->len - 1);
  else
    popup = make_popup (self);

  /* Refill when the main loop has nothing better to do, never on the way to a pop. */
  schedule_refill (self);
  return popup;
}

static gboolean
find_in_store (GListStore *store,
               gpointer    item,
               guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (other == item)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
on_popup_closed_cb (AgentPopupManager *self,
                    AgentCallPopup    *popup)
{
  guint position;

  if (find_in_store (self->popups, popup, &position))
    g_list_store_remove (self->popups, position);

  agent_call_popup_reset (popup);
  if (self->pool->len < POOL_MAX)
    g_ptr_array_add (self->pool, g_object_ref (popup));
  else
    gtk_window_destroy (GTK_WINDOW (popup));
}

/* ---- notifications ---- */

static gboolean
application_is_focused (AgentPopupManager *self)
{
  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (gtk_window_is_active (l->data) && !AGENT_IS_CALL_POPUP (l->data))
      return TRUE;

  return FALSE;
}

static char *
notification_id (const char *prefix,
                 const char *phone)
{
  return g_strdup_printf ("%s-%s", prefix, phone);
}

static void
notify_incoming (AgentPopupManager *self,
                 const char        *phone)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *number = agent_phone_format (phone);
  g_autofree char *id = notification_id ("call", phone);

  if (!setting_bool (self, "notify-calls", TRUE))
    return;
  if (setting_bool (self, "notification-sound", TRUE))
    gdk_display_beep (gdk_display_get_default ());

  notification = g_notification_new (_("Incoming Call"));
  g_notification_set_body (notification, number);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  g_notification_set_default_action_and_target (notification, "app.show-call", "s", phone);
  g_notification_add_button_with_target (notification, _("Show"), "app.show-call", "s", phone);
  g_notification_add_button_with_target (notification, _("Call Back"), "app.dial", "s", phone);
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
}

static void
notify_missed (AgentPopupManager *self,
               const char        *phone)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *number = agent_phone_format (phone);
  g_autofree char *call_id = notification_id ("call", phone);
  g_autofree char *id = notification_id ("missed", phone);

  g_application_withdraw_notification (G_APPLICATION (self->application), call_id);
  if (!setting_bool (self, "notify-calls", TRUE))
    return;
  if (setting_bool (self, "notification-sound", TRUE))
    gdk_display_beep (gdk_display_get_default ());

  notification = g_notification_new (_("Missed Call"));
  g_notification_set_body (notification, number);
  g_notification_set_default_action_and_target (notification, "app.show-call", "s", phone);
  g_notification_add_button_with_target (notification, _("Call Back"), "app.dial", "s", phone);
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
}

static void
add_missed (AgentPopupManager *self,
            BbhEvent          *event)
{
  guint n;

  g_list_store_insert (self->missed, 0, event);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->missed));
  if (n > MISSED_MAX)
    g_list_store_remove (self->missed, n - 1);

  AGENT_TRACE ("call-missed",
               "phone", g_variant_new_string (bbh_event_get_phone (event)),
               "msg_time", g_variant_new_int64 (bbh_event_get_time_ms (event)),
               "backlog", g_variant_new_boolean (bbh_event_get_backlog (event)),
               NULL);
  g_signal_emit (self, signals[SIGNAL_MISSED_CALL], 0, event);
}

/* ---- the external screen-pop address ---- */

static void
on_uri_launched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_message ("Could not open the screen-pop address: %s", error->message);
}

static void
open_screen_pop (AgentPopupManager *self,
                 AgentCallPopup    *popup,
                 const char        *when)
{
  g_autofree char *template_ = NULL;
  g_autofree char *when_setting = NULL;
  g_autofree char *uri = NULL;
  BbhExtension *extension;
  const char *exten = NULL;

  if (self->settings == NULL)
    return;

  template_ = g_settings_get_string (self->settings, "screen-pop-url");
  when_setting = g_settings_get_string (self->settings, "screen-pop-when");
  if (*template_ == '\0' || g_strcmp0 (when, when_setting) != 0)
    return;

  extension = agent_session_get_extension (self->session);
  if (extension != NULL)
    exten = bbh_extension_get_extension (extension);
  if (exten == NULL || *exten == '\0')
    exten = agent_session_get_account (self->session);

  uri = agent_popup_manager_expand_url (template_, agent_call_popup_get_phone (popup),
                                        agent_call_popup_get_cdr_id (popup), exten,
                                        agent_call_popup_get_outgoing (popup));
  if (uri == NULL)
    {
      g_message ("The screen-pop address is not a valid address: %s", template_);
      return;
    }

  AGENT_TRACE ("screen-pop-opened", "uri", g_variant_new_string (uri), NULL);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, on_uri_launched_cb, NULL);
}

/* ---- calls ---- */

static gboolean
popup_follows_call (AgentCallPopup *popup)
{
  AgentCallState state = agent_call_popup_get_state (popup);

  return state == AGENT_CALL_STATE_RINGING || state == AGENT_CALL_STATE_TALKING;
}

static AgentCallPopup *
show_popup (AgentPopupManager *self,
            BbhEvent          *event)
{
  g_autoptr(AgentCallPopup) popup = take_popup (self);
  gboolean outgoing = bbh_event_get_kind (event) == BBH_EVENT_KIND_OUTGOING_CALL;
  gboolean focused = application_is_focused (self);
  const char *phone = bbh_event_get_phone (event);

  agent_call_popup_start (popup, event, agent_session_get_client (self->session), self->outbox);
  g_list_store_append (self->popups, popup);
  /* Shown: its renderer has drawn by the time it comes back to the pool. */
  g_object_set_data (G_OBJECT (popup), "agent-renderer-prepared", GINT_TO_POINTER (TRUE));

  /* An outgoing call is the agent's own doing: shown, but the focus stays where it is. So
   * is every call when the agent turned "raise" off. */
  if (outgoing || !setting_bool (self, "popup-raise", TRUE))
    gtk_widget_set_visible (GTK_WIDGET (popup), TRUE);
  else
    gtk_window_present (GTK_WINDOW (popup));

  AGENT_TRACE ("popup-presented",
               "phone", g_variant_new_string (phone),
               "msg_time", g_variant_new_int64 (bbh_event_get_time_ms (event)),
               NULL);
  agent_trace_on_next_paint (GTK_WIDGET (popup), "popup-shown",
                             "phone", g_variant_new_string (phone),
                             "msg_time", g_variant_new_int64 (bbh_event_get_time_ms (event)),
                             NULL);

  /* After the present, never before: the pop-up does not wait for the server. */
  agent_call_popup_lookup_after_paint (popup);

  if (!outgoing && !focused)
    notify_incoming (self, phone);

  g_signal_emit (self, signals[SIGNAL_POPUP_SHOWN], 0, popup);
  return popup;
}

static void
handle_backlog (AgentPopupManager *self,
                BbhEvent          *event)
{
  const char *phone = bbh_event_get_phone (event);

  if (bbh_event_get_kind (event) == BBH_EVENT_KIND_OUTGOING_CALL)
    return;

  if (bbh_event_is_ringing (event) && bbh_event_get_kind (event) == BBH_EVENT_KIND_INCOMING_CALL)
    {
      add_missed (self, event);
      g_hash_table_replace (self->backlog, g_strdup (phone), g_object_ref (event));
      return;
    }

  /* Answered after all (on another device): not missed. */
  if (bbh_event_is_answered (event))
    {
      BbhEvent *ringing = g_hash_table_lookup (self->backlog, phone);
      guint position;

      if (ringing != NULL && find_in_store (self->missed, ringing, &position))
        g_list_store_remove (self->missed, position);
      g_hash_table_remove (self->backlog, phone);
      return;
    }

  if (bbh_event_is_hangup (event))
    g_hash_table_remove (self->backlog, phone);
}

/**
 * agent_popup_manager_handle_event:
 * @self: an #AgentPopupManager
 * @event: an event from the session's stream
 *
 * What the session's `call-event` leads to: a pop-up for a ringing call, the update of the
 * pop-up following a call, a missed call.
 */
void
agent_popup_manager_handle_event (AgentPopupManager *self,
                                  BbhEvent          *event)
{
  AgentCallPopup *popup;
  const char *phone;

  g_return_if_fail (AGENT_IS_POPUP_MANAGER (self));
  g_return_if_fail (BBH_IS_EVENT (event));

  phone = bbh_event_get_phone (event);
  if (self->shut_down || !bbh_event_is_call (event) || phone == NULL || *phone == '\0')
    return;

  if (bbh_event_get_backlog (event))
    {
      handle_backlog (self, event);
      return;
    }

  popup = agent_popup_manager_find_popup (self, phone);

  if (bbh_event_is_ringing (event))
    {
      /* The same ringing again (a repeated message) is not a second call. */
      if (popup != NULL && agent_call_popup_get_state (popup) == AGENT_CALL_STATE_RINGING)
        return;

      /* "Show the pop-up on answer": a ringing call is only announced. */
      if (pop_on_answer (self) && bbh_event_get_kind (event) == BBH_EVENT_KIND_INCOMING_CALL)
        {
          g_hash_table_replace (self->unpopped, g_strdup (phone), g_object_ref (event));
          if (!application_is_focused (self))
            notify_incoming (self, phone);
          return;
        }

      popup = show_popup (self, event);
      open_screen_pop (self, popup, "ring");
      return;
    }

  if (popup == NULL)
    {
      BbhEvent *ringing = g_hash_table_lookup (self->unpopped, phone);

      /* Rang without a pop-up and nobody answered: missed all the same. */
      if (bbh_event_is_hangup (event))
        {
          if (ringing != NULL)
            {
              add_missed (self, ringing);
              notify_missed (self, phone);
              g_hash_table_remove (self->unpopped, phone);
            }
          return;
        }

      /* Answered — or a call already under way when we started listening: show it as it is
       * now. */
      if (!bbh_event_is_answered (event))
        return;
      popup = show_popup (self, event);
      g_hash_table_remove (self->unpopped, phone);
      open_screen_pop (self, popup, "answer");
      return;
    }

  if (bbh_event_is_answered (event))
    {
      g_autofree char *id = notification_id ("call", phone);

      agent_call_popup_update (popup, event);
      g_application_withdraw_notification (G_APPLICATION (self->application), id);
      open_screen_pop (self, popup, "answer");
      return;
    }

  if (bbh_event_is_hangup (event))
    {
      agent_call_popup_update (popup, event);
      if (agent_call_popup_get_state (popup) == AGENT_CALL_STATE_MISSED &&
          !agent_call_popup_get_outgoing (popup))
        {
          add_missed (self, event);
          notify_missed (self, phone);
        }
      else
        {
          g_autofree char *id = notification_id ("call", phone);

          g_application_withdraw_notification (G_APPLICATION (self->application), id);
        }
    }
}

static void
on_call_event_cb (AgentPopupManager *self,
                  BbhEvent          *event)
{
  agent_popup_manager_handle_event (self, event);
}

/* ---- the session ---- */

static void
on_logged_in_cb (AgentPopupManager *self)
{
  if (self->outbox != NULL)
    agent_outbox_set_client (self->outbox, agent_session_get_client (self->session));

  if (agent_session_get_logged_in (self->session))
    prepare_after_first_frame (self);
}

static gint64
load_watermark_cb (AgentSession *session,
                   const char   *server,
                   const char   *account,
                   gpointer      user_data)
{
  AgentPopupManager *self = user_data;
  AgentOutbox *outbox = self->outbox != NULL ? self->outbox : self->opening;

  /* A login can now beat the outbox's opening (it no longer waits behind a login form's
   * first frame): an outbox that is still opening reads the stored row itself, or the
   * calls that came while the application was closed would be skipped. */
  return outbox != NULL ? agent_outbox_get_watermark (outbox, server, account) : -1;
}

static void
save_watermark_cb (AgentSession *session,
                   const char   *server,
                   const char   *account,
                   gint64        watermark,
                   gpointer      user_data)
{
  AgentPopupManager *self = user_data;

  if (self->outbox != NULL)
    agent_outbox_set_watermark (self->outbox, server, account, watermark);
}

/* A change the server refused for good: the agent hears of it, in words. */
static void
on_entry_failed_cb (AgentOutbox       *outbox,
                    gint64             id,
                    AgentOutboxKind    kind,
                    const char        *phone,
                    const char        *message,
                    AgentPopupManager *self)
{
  g_autofree char *number = agent_phone_format (phone);
  g_autofree char *text = NULL;

  switch (kind)
    {
    case AGENT_OUTBOX_KIND_MEMO:
      /* Translators: %s is a phone number, then the server's reason */
      text = g_strdup_printf (_("The server did not take the memo for %s. %s"), number, message);
      break;
    case AGENT_OUTBOX_KIND_CUSTOMER_SAVE:
    case AGENT_OUTBOX_KIND_CUSTOMER_LOCK:
    case AGENT_OUTBOX_KIND_CUSTOMER_SALES:
      text = g_strdup_printf (_("The server did not take the change to the customer %s. %s"),
                              number, message);
      break;
    case AGENT_OUTBOX_KIND_CDR_RECORD:
    default:
      text = g_strdup_printf (_("The server did not take a change. %s"), message);
      break;
    }

  if (AGENT_IS_APPLICATION (self->application))
    agent_application_toast (AGENT_APPLICATION (self->application), text);
  else
    g_message ("%s", text);
}

static void
on_outbox_opened_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AgentPopupManager) self = user_data;
  g_autoptr(GError) error = NULL;
  AgentOutbox *outbox = AGENT_OUTBOX (object);

  if (self->opening == outbox)
    g_clear_object (&self->opening);
  if (!g_async_initable_init_finish (G_ASYNC_INITABLE (outbox), result, &error))
    {
      g_warning ("The outbox could not be opened, memos cannot be saved: %s", error->message);
      return;
    }

  agent_popup_manager_set_outbox (self, outbox);
}

/* app.show-call(s phone): the pop-up of that call, or the window. */
static void
show_call_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  AgentPopupManager *self = user_data;
  const char *phone = g_variant_get_string (parameter, NULL);
  AgentCallPopup *popup = agent_popup_manager_find_popup (self, phone);
  GList *windows;

  if (popup != NULL)
    {
      gtk_window_present (GTK_WINDOW (popup));
      return;
    }

  for (windows = gtk_application_get_windows (self->application); windows != NULL;
       windows = windows->next)
    if (!AGENT_IS_CALL_POPUP (windows->data))
      {
        gtk_window_present (windows->data);
        return;
      }
}

static void
on_application_shutdown_cb (AgentPopupManager *self)
{
  self->shut_down = TRUE;
  g_clear_handle_id (&self->refill_id, g_source_remove);
}

/* The main window has a slot for the dialer; a new main window (after the last one was
 * closed) gets it too. */
static void
on_window_added_cb (AgentPopupManager *self,
                    GtkWindow         *window)
{
  GtkWidget *parent;

  if (!AGENT_IS_WINDOW (window) || agent_window_get_dialer (AGENT_WINDOW (window)) != NULL)
    return;

  parent = gtk_widget_get_parent (GTK_WIDGET (self->dialer));
  if (parent != NULL && ADW_IS_BIN (parent))
    adw_bin_set_child (ADW_BIN (parent), NULL);
  if (gtk_widget_get_parent (GTK_WIDGET (self->dialer)) == NULL)
    agent_window_set_dialer (AGENT_WINDOW (window), GTK_WIDGET (self->dialer));
}

static gboolean
on_dial_requested_cb (GtkApplication    *application,
                      const char        *number,
                      AgentPopupManager *self)
{
  agent_dialer_dial (self->dialer, number);
  return TRUE;
}

/* ---- GObject ---- */

static void
agent_popup_manager_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AgentPopupManager *self = AGENT_POPUP_MANAGER (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_popup_manager_dispose (GObject *object)
{
  AgentPopupManager *self = AGENT_POPUP_MANAGER (object);

  self->shut_down = TRUE;
  g_clear_handle_id (&self->refill_id, g_source_remove);

  if (self->pool != NULL)
    {
      for (guint i = 0; i < self->pool->len; i++)
        gtk_window_destroy (g_ptr_array_index (self->pool, i));
      g_clear_pointer (&self->pool, g_ptr_array_unref);
    }
  if (self->popups != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->popups)); i++)
        {
          g_autoptr(GtkWindow) popup = g_list_model_get_item (G_LIST_MODEL (self->popups), i);

          gtk_window_destroy (popup);
        }
      g_clear_object (&self->popups);
    }
  if (self->session != NULL)
    agent_session_set_watermark_store (self->session, NULL, NULL, NULL, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->outbox);
  g_clear_object (&self->opening);
  g_clear_object (&self->dialer);
  g_clear_object (&self->missed);
  g_clear_pointer (&self->backlog, g_hash_table_unref);
  g_clear_pointer (&self->unpopped, g_hash_table_unref);

  G_OBJECT_CLASS (agent_popup_manager_parent_class)->dispose (object);
}

static void
agent_popup_manager_class_init (AgentPopupManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_popup_manager_get_property;
  object_class->dispose = agent_popup_manager_dispose;

  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, AGENT_TYPE_OUTBOX,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentPopupManager::popup-shown:
   * @self: the manager
   * @popup: the pop-up just presented for a new call
   */
  signals[SIGNAL_POPUP_SHOWN] =
    g_signal_new ("popup-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, AGENT_TYPE_CALL_POPUP);

  /**
   * AgentPopupManager::missed-call:
   * @self: the manager
   * @event: the event of the call that nobody answered
   */
  signals[SIGNAL_MISSED_CALL] =
    g_signal_new ("missed-call", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, BBH_TYPE_EVENT);
}

static void
agent_popup_manager_init (AgentPopupManager *self)
{
  self->pool = g_ptr_array_new_with_free_func (g_object_unref);
  self->popups = g_list_store_new (AGENT_TYPE_CALL_POPUP);
  self->missed = g_list_store_new (BBH_TYPE_EVENT);
  self->backlog = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->unpopped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* ---- public API ---- */

/**
 * agent_popup_manager_new:
 * @application: the application the pop-ups belong to
 * @session: the session whose `call-event`s are shown
 * @settings: (nullable): the application's settings (screen-pop address, dial mode)
 *
 * Returns: (transfer full): a manager following @session; it has no outbox until
 *   agent_popup_manager_set_outbox()
 */
AgentPopupManager *
agent_popup_manager_new (GtkApplication *application,
                         AgentSession   *session,
                         GSettings      *settings)
{
  AgentPopupManager *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AGENT_IS_SESSION (session), NULL);

  self = g_object_new (AGENT_TYPE_POPUP_MANAGER, NULL);
  self->application = application;
  self->session = g_object_ref (session);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->dialer = g_object_ref_sink (agent_dialer_new (session, settings));
  agent_dialer_set_missed (self->dialer, G_LIST_MODEL (self->missed));

  g_signal_connect_object (session, "call-event", G_CALLBACK (on_call_event_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::logged-in", G_CALLBACK (on_logged_in_cb), self,
                           G_CONNECT_SWAPPED);
  agent_session_set_watermark_store (session, load_watermark_cb, save_watermark_cb, self, NULL);

  return self;
}

/**
 * agent_popup_manager_install:
 * @application: the application
 * @session: its session
 * @settings: (nullable): its settings
 *
 * Sets up everything this part of the application needs and keeps it on @application: the
 * outbox (opened off the main loop), the pop-up manager, the dialer, the `app.show-call`
 * action, and the handler of #AgentApplication::dial-requested when @application has it.
 *
 * Returns: (transfer none): the manager, also found with
 *   agent_popup_manager_get_for_application()
 */
AgentPopupManager *
agent_popup_manager_install (GtkApplication *application,
                             AgentSession   *session,
                             GSettings      *settings)
{
  g_autoptr(GSimpleAction) show_call = NULL;
  AgentPopupManager *self;

  self = agent_popup_manager_new (application, session, settings);
  g_object_set_data_full (G_OBJECT (application), DATA_KEY, self, g_object_unref);

  show_call = g_simple_action_new ("show-call", G_VARIANT_TYPE_STRING);
  g_signal_connect_object (show_call, "activate", G_CALLBACK (show_call_action), self, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (show_call));

  if (g_signal_lookup ("dial-requested", G_OBJECT_TYPE (application)) != 0)
    g_signal_connect_object (application, "dial-requested", G_CALLBACK (on_dial_requested_cb),
                             self, 0);

  g_signal_connect_object (application, "window-added", G_CALLBACK (on_window_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "shutdown", G_CALLBACK (on_application_shutdown_cb),
                           self, G_CONNECT_SWAPPED);
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    on_window_added_cb (self, l->data);

  /* Opened off the main loop; the object exists meanwhile, for the watermark at login. */
  self->opening = g_object_new (AGENT_TYPE_OUTBOX, NULL);
  g_async_initable_init_async (G_ASYNC_INITABLE (self->opening), G_PRIORITY_DEFAULT, NULL,
                               on_outbox_opened_cb, g_object_ref (self));
  return self;
}

/**
 * agent_popup_manager_get_for_application:
 * @application: the application
 *
 * Returns: (transfer none) (nullable): the manager agent_popup_manager_install() set up
 */
AgentPopupManager *
agent_popup_manager_get_for_application (GtkApplication *application)
{
  return g_object_get_data (G_OBJECT (application), DATA_KEY);
}

/**
 * agent_popup_manager_get_outbox:
 * @self: an #AgentPopupManager
 *
 * Returns: (transfer none) (nullable): the outbox memos and customers are saved to, once open
 */
AgentOutbox *
agent_popup_manager_get_outbox (AgentPopupManager *self)
{
  g_return_val_if_fail (AGENT_IS_POPUP_MANAGER (self), NULL);

  return self->outbox;
}

void
agent_popup_manager_set_outbox (AgentPopupManager *self,
                                AgentOutbox       *outbox)
{
  g_return_if_fail (AGENT_IS_POPUP_MANAGER (self));

  if (self->outbox == outbox)
    return;

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_set_object (&self->outbox, outbox);

  if (outbox != NULL)
    g_signal_connect_object (outbox, "entry-failed", G_CALLBACK (on_entry_failed_cb), self, 0);

  if (outbox != NULL && agent_session_get_logged_in (self->session))
    agent_outbox_set_client (outbox, agent_session_get_client (self->session));
  agent_dialer_set_outbox (self->dialer, outbox);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
}

/**
 * agent_popup_manager_get_dialer:
 * @self: an #AgentPopupManager
 *
 * Returns: (transfer none): the dialer, for the window to show
 */
AgentDialer *
agent_popup_manager_get_dialer (AgentPopupManager *self)
{
  g_return_val_if_fail (AGENT_IS_POPUP_MANAGER (self), NULL);

  return self->dialer;
}

/**
 * agent_popup_manager_get_missed:
 * @self: an #AgentPopupManager
 *
 * Returns: (transfer none): a #GListModel of the #BbhEvent of each missed call, newest first
 */
GListModel *
agent_popup_manager_get_missed (AgentPopupManager *self)
{
  g_return_val_if_fail (AGENT_IS_POPUP_MANAGER (self), NULL);

  return G_LIST_MODEL (self->missed);
}

void
agent_popup_manager_clear_missed (AgentPopupManager *self)
{
  g_return_if_fail (AGENT_IS_POPUP_MANAGER (self));

  g_list_store_remove_all (self->missed);
}

/**
 * agent_popup_manager_get_popups:
 * @self: an #AgentPopupManager
 *
 * Returns: (transfer none): a #GListModel of the #AgentCallPopup on screen, oldest first
 */
GListModel *
agent_popup_manager_get_popups (AgentPopupManager *self)
{
  g_return_val_if_fail (AGENT_IS_POPUP_MANAGER (self), NULL);

  return G_LIST_MODEL (self->popups);
}

/**
 * agent_popup_manager_find_popup:
 * @self: an #AgentPopupManager
 * @phone: a number
 *
 * Returns: (transfer none) (nullable): the pop-up following a call with @phone, or else the
 *   newest pop-up showing one
 */
AgentCallPopup *
agent_popup_manager_find_popup (AgentPopupManager *self,
                                const char        *phone)
{
  AgentCallPopup *shown = NULL;

  g_return_val_if_fail (AGENT_IS_POPUP_MANAGER (self), NULL);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->popups)); i > 0; i--)
    {
      g_autoptr(AgentCallPopup) popup = g_list_model_get_item (G_LIST_MODEL (self->popups), i - 1);

      if (g_strcmp0 (agent_call_popup_get_phone (popup), phone) != 0)
        continue;
      if (popup_follows_call (popup))
        return popup;
      if (shown == NULL)
        shown = popup;
    }

  /* A finished call's pop-up only takes the events of no new call. */
  return shown;
}

/**
 * agent_popup_manager_prepare:
 * @self: an #AgentPopupManager
 *
 * Builds and realizes the pool of pop-ups now — at login — so that the first call pops
 * without building anything.
 */
void
agent_popup_manager_prepare (AgentPopupManager *self)
{
  g_return_if_fail (AGENT_IS_POPUP_MANAGER (self));

  g_clear_handle_id (&self->refill_id, g_source_remove);
  while (!self->shut_down && self->pool->len < POOL_SIZE)
    g_ptr_array_add (self->pool, make_popup (self));
}

static void
append_escaped (GString    *out,
                const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value != NULL ? value : "", NULL, TRUE);

  g_string_append (out, escaped);
}

/**
 * agent_popup_manager_expand_url:
 * @template_: the screen-pop address from the settings
 * @phone: the caller's number
 * @cdr_id: the call record's id, or -1
 * @extension: (nullable): the agent's extension
 * @outgoing: whether the agent placed the call
 *
 * Replaces `{phone}`, `{cdrId}`, `{extension}` and `{direction}` (`in` or `out`), each
 * URL-encoded. Unknown `{…}` are kept as they are.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when the result is not one
 */
char *
agent_popup_manager_expand_url (const char *template_,
                                const char *phone,
                                gint64      cdr_id,
                                const char *extension,
                                gboolean    outgoing)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = template_;

  g_return_val_if_fail (template_ != NULL, NULL);

  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "{phone}"))
        {
          append_escaped (out, phone);
          p += strlen ("{phone}");
        }
      else if (g_str_has_prefix (p, "{cdrId}"))
        {
          if (cdr_id > 0)
            g_string_append_printf (out, "%" G_GINT64_FORMAT, cdr_id);
          p += strlen ("{cdrId}");
        }
      else if (g_str_has_prefix (p, "{extension}"))
        {
          append_escaped (out, extension);
          p += strlen ("{extension}");
        }
      else if (g_str_has_prefix (p, "{direction}"))
        {
          g_string_append (out, outgoing ? "out" : "in");
          p += strlen ("{direction}");
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  if (!g_uri_is_valid (out->str, G_URI_FLAGS_NONE, NULL))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
