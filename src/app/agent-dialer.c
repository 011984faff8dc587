/* agent-dialer.c — the dial field, its keypad, recent numbers and the progress of a call
 *
 * A desktop agent does not dial with the computer: the server does. In callback mode it rings
 * the agent's own phone and then the customer (callbackPhone), in SmartTel mode a phone box
 * on the desk dials (sendTelCall), and in message mode the agent's phone app gets a dial
 * order (sendMsg kind=1). The mode is a setting; agent_dialer_dial() — the `dial` action,
 * `--dial` and tel: links — dials at once in it, without asking.
 *
 * A wrong number never reaches the server: it is checked first and the agent is told why.
 * A callback's progress (your phone rings → the customer's rings → connected, or nobody
 * answered) comes from getCallbackList, asked every second, and from the call events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-dialer"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-dialer.h"
#include "agent-phone.h"
#include "agent-trace.h"

#define RECENT_MAX          10
#define POLL_INTERVAL_MS    1000
#define POLL_GIVE_UP_US     (3 * 60 * G_USEC_PER_SEC)

struct _AgentDialer
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkEntry          *number_entry;
  GtkMenuButton     *keypad_button;
  GtkPopover        *keypad_popover;
  GtkGrid           *keypad_grid;
  GtkButton         *dial_button;
  GtkLabel          *error_label;
  GtkLabel          *mode_label;
  GtkRevealer       *progress_revealer;
  GtkSpinner        *progress_spinner;
  GtkImage          *progress_image;
  GtkLabel          *progress_number_label;
  GtkLabel          *progress_label;
  GtkWidget         *missed_heading;
  GtkWidget         *missed_scroller;
  GtkListBox        *missed_list;
  GtkLabel          *recent_heading;
  GtkWidget         *recent_scroller;
  GtkListBox        *recent_list;
  GtkLabel          *pending_label;

  /* Owned */
  AgentSession      *session;
  GSettings         *settings;
  AgentOutbox       *outbox;
  GListModel        *missed;
  GCancellable      *cancellable;    /* the current dial */
  char              *number;         /* the number being dialed */
  char              *error;
  char              *progress_text;
  gint64             callback_id;
  gint64             dialed_us;
  guint              poll_id;
  guint              poll_interval;

  AgentDialProgress  progress;
};

G_DEFINE_ENUM_TYPE (AgentDialMode, agent_dial_mode,
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_MODE_CALLBACK, "callback"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_MODE_SMARTTEL, "smarttel"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_MODE_MESSAGE, "message"))

G_DEFINE_ENUM_TYPE (AgentDialProgress, agent_dial_progress,
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_NONE, "none"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_REQUESTING, "requesting"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_CALLING_AGENT, "calling-agent"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_CALLING_CUSTOMER, "calling-customer"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_NO_ANSWER, "no-answer"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_SENT, "sent"),
  G_DEFINE_ENUM_VALUE (AGENT_DIAL_PROGRESS_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (AgentDialer, agent_dialer, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_PROGRESS,
  PROP_PROGRESS_TEXT,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void poll_callback (AgentDialer *self);

/* ---- helpers ---- */

static const char *
mode_nick (AgentDialMode mode)
{
  switch (mode)
    {
    case AGENT_DIAL_MODE_SMARTTEL:
      return "smarttel";
    case AGENT_DIAL_MODE_MESSAGE:
      return "message";
    case AGENT_DIAL_MODE_CALLBACK:
    default:
      return "callback";
    }
}

static const char *
progress_nick (AgentDialProgress progress)
{
  static GEnumClass *klass;
  GEnumValue *value;

  if (klass == NULL)
    klass = g_type_class_ref (AGENT_TYPE_DIAL_PROGRESS);
  value = g_enum_get_value (klass, progress);
  return value != NULL ? value->value_nick : "unknown";
}

static gboolean
is_final (AgentDialProgress progress)
{
  return progress == AGENT_DIAL_PROGRESS_NONE ||
         progress == AGENT_DIAL_PROGRESS_NO_ANSWER ||
         progress == AGENT_DIAL_PROGRESS_ENDED ||
         progress == AGENT_DIAL_PROGRESS_SENT ||
         progress == AGENT_DIAL_PROGRESS_FAILED;
}

static void
set_error (AgentDialer *self,
           const char  *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_progress (AgentDialer       *self,
              AgentDialProgress  progress,
              const char        *text)
{
  gboolean final = is_final (progress);

  if (self->progress == progress && g_strcmp0 (self->progress_text, text) == 0)
    return;

  /* A call only moves forward: news that arrives late (a poll answered after an event said
   * more) does not take it back. A new dial starts from REQUESTING, a dismissal ends it. */
  if (!is_final (self->progress) && !final && progress != AGENT_DIAL_PROGRESS_REQUESTING &&
      progress < self->progress)
    return;

  g_free (self->progress_text);
  self->progress_text = g_strdup (text);
  gtk_label_set_label (self->progress_label, text != NULL ? text : "");

  gtk_spinner_set_spinning (self->progress_spinner, !final);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_spinner), !final);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_image), final);
  if (progress == AGENT_DIAL_PROGRESS_FAILED || progress == AGENT_DIAL_PROGRESS_NO_ANSWER)
    gtk_image_set_from_icon_name (self->progress_image, "dialog-warning-symbolic");
  else
    gtk_image_set_from_icon_name (self->progress_image, "object-select-symbolic");
  gtk_revealer_set_reveal_child (self->progress_revealer, progress != AGENT_DIAL_PROGRESS_NONE);

  if (self->progress != progress)
    {
      self->progress = progress;
      if (self->number != NULL)
        AGENT_TRACE ("dial-progress",
                     "phone", g_variant_new_string (self->number),
                     "progress", g_variant_new_string (progress_nick (progress)),
                     NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);

  if (final)
    g_clear_handle_id (&self->poll_id, g_source_remove);
}

static void
update_mode_label (AgentDialer *self)
{
  g_autofree char *text = NULL;

  switch (agent_dialer_get_mode (self))
    {
    case AGENT_DIAL_MODE_SMARTTEL:
      {
        g_autofree char *mac = g_settings_get_string (self->settings, "smarttel-mac");

        if (*mac == '\0')
          text = g_strdup (_("Set the SmartTel box’s address in Preferences to dial with it."));
        else
          /* Translators: %s is a device address, %u a line number */
          text = g_strdup_printf (_("The SmartTel box %s dials on line %u."), mac,
                                  g_settings_get_uint (self->settings, "smarttel-channel"));
      }
      break;
    case AGENT_DIAL_MODE_MESSAGE:
      text = g_strdup (_("Your phone app dials the number."));
      break;
    case AGENT_DIAL_MODE_CALLBACK:
    default:
      {
        g_autofree char *source = g_settings_get_string (self->settings, "callback-source");
        const char *account = agent_session_get_account (self->session);

        if (*source == '\0' && account == NULL)
          text = g_strdup (_("The server calls you first, then the customer."));
        else
          /* Translators: %s is the agent's own number or account */
          text = g_strdup_printf (_("The server calls you at %s first, then the customer."),
                                  *source != '\0' ? source : account);
      }
      break;
    }

  gtk_label_set_label (self->mode_label, text);
}

/* ---- recent numbers and missed calls ---- */

static GtkWidget *
number_row (const char *phone,
            const char *subtitle)
{
  g_autofree char *number = agent_phone_format (phone);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("call-start-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), number);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "numeric");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Call"));
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dialer.dial-number");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", phone);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
update_recent (AgentDialer *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-numbers");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL; i++)
    gtk_list_box_append (self->recent_list, number_row (recent[i], NULL));

  gtk_widget_set_visible (self->recent_scroller, recent[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_heading), recent[0] != NULL);
}

static void
remember_number (AgentDialer *self,
                 const char  *number)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-numbers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, number);
  for (guint i = 0; recent[i] != NULL && n < RECENT_MAX; i++)
    if (g_strcmp0 (recent[i], number) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-numbers", (const char * const *) updated);
}

static GtkWidget *
create_missed_row_cb (gpointer item,
                      gpointer user_data)
{
  BbhEvent *event = item;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (bbh_event_get_time_ms (event) / 1000);
  g_autofree char *time = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;

  return number_row (bbh_event_get_phone (event), time);
}

static void
on_missed_changed_cb (AgentDialer *self)
{
  gboolean any = self->missed != NULL && g_list_model_get_n_items (self->missed) > 0;

  gtk_widget_set_visible (self->missed_scroller, any);
  gtk_widget_set_visible (self->missed_heading, any);
}

static void
on_pending_cb (AgentDialer *self)
{
  guint pending = self->outbox != NULL ? agent_outbox_get_pending (self->outbox) : 0;
  guint failed = self->outbox != NULL ? agent_outbox_get_failed (self->outbox) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  if (pending > 0)
    {
      g_string_append_printf (text, ngettext ("%u change is waiting to be sent.",
                                              "%u changes are waiting to be sent.", pending),
                              pending);
      if (agent_outbox_get_stalled (self->outbox))
        g_string_append_printf (text, " %s", _("They are kept and sent when the server is back."));
    }
  if (failed > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("The server refused %u change.",
                                              "The server refused %u changes.", failed),
                              failed);
    }

  gtk_label_set_label (self->pending_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_label), text->len > 0);
}

/* ---- callback progress ---- */

static void
show_callback (AgentDialer *self,
               BbhCallback *callback)
{
  gboolean agent_answered = !g_str_equal (bbh_callback_get_success_time (callback) != NULL
                                          ? bbh_callback_get_success_time (callback) : "", "");
  gboolean ended = !g_str_equal (bbh_callback_get_end_time (callback) != NULL
                                 ? bbh_callback_get_end_time (callback) : "", "");

  switch (bbh_callback_get_status (callback))
    {
    case BBH_CALLBACK_STATUS_NO_ANSWER:
      set_progress (self, AGENT_DIAL_PROGRESS_NO_ANSWER,
                    agent_answered ? _("The customer did not answer.")
                                   : _("Your phone did not answer, so the customer was not called."));
      break;
    case BBH_CALLBACK_STATUS_TRANSFERRED:
      {
        const char *end = bbh_callback_get_transfer_end_time (callback);

        if (end != NULL && *end != '\0')
          set_progress (self, AGENT_DIAL_PROGRESS_ENDED, _("The call is over."));
        else
          set_progress (self, AGENT_DIAL_PROGRESS_CONNECTED, _("Connected — you are talking."));
      }
      break;
    case BBH_CALLBACK_STATUS_ANSWERED:
      /* Over: whether anyone talked is in the talk time. */
      if (ended && bbh_callback_get_talk_time (callback) > 0)
        set_progress (self, AGENT_DIAL_PROGRESS_ENDED, _("The call is over."));
      else if (ended)
        set_progress (self, AGENT_DIAL_PROGRESS_NO_ANSWER, _("The customer did not answer."));
      else
        set_progress (self, AGENT_DIAL_PROGRESS_CALLING_CUSTOMER,
                      _("You answered. Calling the customer…"));
      break;
    case BBH_CALLBACK_STATUS_PAUSED:
      set_progress (self, AGENT_DIAL_PROGRESS_CALLING_AGENT, _("The call is paused on the server."));
      break;
    case BBH_CALLBACK_STATUS_CALLING:
      if (agent_answered)
        set_progress (self, AGENT_DIAL_PROGRESS_CALLING_CUSTOMER,
                      _("You answered. Calling the customer…"));
      else
        set_progress (self, AGENT_DIAL_PROGRESS_CALLING_AGENT,
                      _("Calling your phone… Answer it to be put through."));
      break;
    case BBH_CALLBACK_STATUS_NOT_CALLED:
    case BBH_CALLBACK_STATUS_UNKNOWN:
    default:
      set_progress (self, AGENT_DIAL_PROGRESS_CALLING_AGENT,
                    _("The server is about to call your phone…"));
      break;
    }
}

static gboolean
on_poll_cb (gpointer user_data)
{
  AgentDialer *self = user_data;

  self->poll_id = 0;
  poll_callback (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (AgentDialer *self)
{
  if (is_final (self->progress) || self->poll_id != 0)
    return;

  if (g_get_monotonic_time () - self->dialed_us > POLL_GIVE_UP_US)
    {
      set_progress (self, AGENT_DIAL_PROGRESS_ENDED, _("No more news about this call."));
      return;
    }

  self->poll_id = g_timeout_add (self->poll_interval, on_poll_cb, self);
}

static void
on_callback_list_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AgentDialer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  list = bbh_client_get_callback_list_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (list != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(BbhCallback) callback = g_list_model_get_item (list, i);

          if (bbh_callback_get_id (callback) == self->callback_id)
            {
              show_callback (self, callback);
              break;
            }
        }
    }
  else
    {
      /* Progress is news, not the call: a failed poll is tried again, quietly. */
      g_debug ("Polling the callback failed: %s", error->message);
    }

  schedule_poll (self);
}

static void
poll_callback (AgentDialer *self)
{
  BbhClient *client = agent_session_get_client (self->session);

  if (client == NULL || self->callback_id <= 0 || is_final (self->progress))
    return;

  bbh_client_get_callback_list_async (client, 0, 1, NULL, NULL, NULL, self->callback_id,
                                      self->cancellable, on_callback_list_cb,
                                      g_object_ref (self));
}

/* The server's own events about the dialed number move the progress too, often sooner. */
static void
on_call_event_cb (AgentDialer *self,
                  BbhEvent    *event)
{
  if (self->number == NULL || is_final (self->progress) ||
      g_strcmp0 (bbh_event_get_phone (event), self->number) != 0 ||
      bbh_event_get_kind (event) != BBH_EVENT_KIND_OUTGOING_CALL)
    return;

  if (bbh_event_is_hangup (event))
    {
      gboolean talked = self->progress == AGENT_DIAL_PROGRESS_CONNECTED ||
                        bbh_event_get_talk_seconds (event) > 0;

      set_progress (self, talked ? AGENT_DIAL_PROGRESS_ENDED : AGENT_DIAL_PROGRESS_NO_ANSWER,
                    talked ? _("The call is over.") : _("The customer did not answer."));
    }
  else if (bbh_event_is_answered (event))
    set_progress (self, AGENT_DIAL_PROGRESS_CONNECTED, _("Connected — you are talking."));
  else if (bbh_event_is_ringing (event))
    set_progress (self, AGENT_DIAL_PROGRESS_CALLING_CUSTOMER, _("Calling the customer…"));
}

/* ---- dialing ---- */

static void
dial_failed (AgentDialer *self,
             GError      *error)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  text = g_strdup_printf (_("The call could not be placed. %s"), error->message);
  set_progress (self, AGENT_DIAL_PROGRESS_FAILED, text);
}

static void
on_callback_phone_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentDialer) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = bbh_client_callback_phone_finish (BBH_CLIENT (object), result, &error);

  if (error != NULL)
    {
      dial_failed (self, error);
      return;
    }

  self->callback_id = id;
  set_progress (self, AGENT_DIAL_PROGRESS_CALLING_AGENT,
                _("Calling your phone… Answer it to be put through."));
  schedule_poll (self);
}

static void
on_tel_call_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentDialer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bbh_client_send_tel_call_finish (BBH_CLIENT (object), result, &error))
    dial_failed (self, error);
  else
    set_progress (self, AGENT_DIAL_PROGRESS_SENT, _("The SmartTel box is dialing."));
}

static void
on_send_msg_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentDialer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bbh_client_send_msg_finish (BBH_CLIENT (object), result, &error))
    dial_failed (self, error);
  else
    set_progress (self, AGENT_DIAL_PROGRESS_SENT, _("Your phone app was asked to dial."));
}

/* ---- actions ---- */

static void
dial_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentDialer *self = AGENT_DIALER (widget);

  agent_dialer_dial (self, gtk_editable_get_text (GTK_EDITABLE (self->number_entry)));
}

static void
dial_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AgentDialer *self = AGENT_DIALER (widget);
  const char *number = g_variant_get_string (parameter, NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->number_entry), number);
  agent_dialer_dial (self, number);
}

static void
keypad_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentDialer *self = AGENT_DIALER (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
  gtk_menu_button_popup (self->keypad_button);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AgentDialer *self = AGENT_DIALER (widget);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  set_progress (self, AGENT_DIAL_PROGRESS_NONE, NULL);
}

static void
clear_missed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AgentDialer *self = AGENT_DIALER (widget);

  /* The list is the pop-up manager's store: emptying it empties every view of it. */
  if (G_IS_LIST_STORE (self->missed))
    g_list_store_remove_all (G_LIST_STORE (self->missed));
}

static void
on_key_clicked_cb (GtkButton   *button,
                   AgentDialer *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "key");
  int position = gtk_editable_get_position (GTK_EDITABLE (self->number_entry));

  gtk_editable_insert_text (GTK_EDITABLE (self->number_entry), key, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (self->number_entry), position);
}

static void
build_keypad (AgentDialer *self)
{
  static const char *keys[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (keys[i]);

      g_object_set_data (G_OBJECT (button), "key", (gpointer) keys[i]);
      gtk_widget_set_size_request (button, 56, 44);
      gtk_widget_add_css_class (button, "title-3");
      g_signal_connect (button, "clicked", G_CALLBACK (on_key_clicked_cb), self);
      gtk_grid_attach (self->keypad_grid, button, i % 3, i / 3, 1, 1);
    }
}

/* The keypad has the focus once it is open: what is typed on the keyboard goes to the
 * number all the same, Backspace takes the last character back and Enter dials. */
static gboolean
on_keypad_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          AgentDialer           *self)
{
  GtkEditable *entry = GTK_EDITABLE (self->number_entry);
  gunichar c = gdk_keyval_to_unicode (keyval);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  if ((c >= '0' && c <= '9') || c == '*' || c == '#' || c == '+')
    {
      char key[2] = { (char) c, '\0' };
      int position = gtk_editable_get_position (entry);

      gtk_editable_insert_text (entry, key, -1, &position);
      gtk_editable_set_position (entry, position);
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_BackSpace)
    {
      int position = gtk_editable_get_position (entry);

      if (position > 0)
        gtk_editable_delete_text (entry, position - 1, position);
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      gtk_popover_popdown (self->keypad_popover);
      gtk_widget_activate_action (GTK_WIDGET (self), "dialer.dial", NULL);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

/* ---- GObject ---- */

static void
agent_dialer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AgentDialer *self = AGENT_DIALER (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_enum (value, self->progress);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_dialer_dispose (GObject *object)
{
  AgentDialer *self = AGENT_DIALER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->outbox);
  g_clear_object (&self->missed);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_DIALER);

  G_OBJECT_CLASS (agent_dialer_parent_class)->dispose (object);
}

static void
agent_dialer_finalize (GObject *object)
{
  AgentDialer *self = AGENT_DIALER (object);

  g_clear_object (&self->cancellable);
  g_free (self->number);
  g_free (self->error);
  g_free (self->progress_text);

  G_OBJECT_CLASS (agent_dialer_parent_class)->finalize (object);
}

static void
agent_dialer_class_init (AgentDialerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = agent_dialer_get_property;
  object_class->dispose = agent_dialer_dispose;
  object_class->finalize = agent_dialer_finalize;

  properties[PROP_PROGRESS] =
    g_param_spec_enum ("progress", NULL, NULL, AGENT_TYPE_DIAL_PROGRESS,
                       AGENT_DIAL_PROGRESS_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS_TEXT] =
    g_param_spec_string ("progress-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-dialer.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, number_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, keypad_button);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, keypad_popover);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, keypad_grid);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, dial_button);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, mode_label);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, progress_image);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, progress_number_label);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, missed_heading);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, missed_scroller);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, missed_list);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, recent_scroller);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, recent_list);
  gtk_widget_class_bind_template_child (widget_class, AgentDialer, pending_label);

  gtk_widget_class_install_action (widget_class, "dialer.dial", NULL, dial_action);
  gtk_widget_class_install_action (widget_class, "dialer.dial-number", "s", dial_number_action);
  gtk_widget_class_install_action (widget_class, "dialer.keypad", NULL, keypad_action);
  gtk_widget_class_install_action (widget_class, "dialer.dismiss", NULL, dismiss_action);
  gtk_widget_class_install_action (widget_class, "dialer.clear-missed", NULL,
                                   clear_missed_action);
}

static void
agent_dialer_init (AgentDialer *self)
{
  GtkEventController *shortcuts, *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->poll_interval = POLL_INTERVAL_MS;
  build_keypad (self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_keypad_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->keypad_popover), keys);

  g_signal_connect_swapped (self->number_entry, "activate", G_CALLBACK (dial_action), self);

  /* Ctrl+K opens the keypad from anywhere in the window that shows the dialer. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>k"),
                      gtk_named_action_new ("dialer.keypad")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* ---- public API ---- */

/**
 * agent_dialer_new:
 * @session: the session whose client dials
 * @settings: the application's settings (`dial-mode`, `callback-source`, `smarttel-*`,
 *   `recent-numbers`)
 *
 * Returns: (transfer floating): a dialer
 */
AgentDialer *
agent_dialer_new (AgentSession *session,
                  GSettings    *settings)
{
  AgentDialer *self;

  g_return_val_if_fail (AGENT_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (AGENT_TYPE_DIALER, NULL);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);

  g_signal_connect_object (settings, "changed::recent-numbers", G_CALLBACK (update_recent),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed", G_CALLBACK (update_mode_label), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::logged-in", G_CALLBACK (update_mode_label), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "call-event", G_CALLBACK (on_call_event_cb), self,
                           G_CONNECT_SWAPPED);
  update_recent (self);
  update_mode_label (self);
  return self;
}

/**
 * agent_dialer_set_outbox:
 * @self: an #AgentDialer
 * @outbox: (nullable): the outbox whose waiting changes the dialer mentions
 */
void
agent_dialer_set_outbox (AgentDialer *self,
                         AgentOutbox *outbox)
{
  g_return_if_fail (AGENT_IS_DIALER (self));

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  if (!g_set_object (&self->outbox, outbox))
    return;

  if (outbox != NULL)
    {
      g_signal_connect_object (outbox, "notify::pending", G_CALLBACK (on_pending_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (outbox, "notify::failed", G_CALLBACK (on_pending_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (outbox, "notify::stalled", G_CALLBACK (on_pending_cb), self,
                               G_CONNECT_SWAPPED);
    }
  on_pending_cb (self);
}

/**
 * agent_dialer_set_missed:
 * @self: an #AgentDialer
 * @missed: (nullable): a #GListModel of #BbhEvent, the missed calls to offer calling back
 */
void
agent_dialer_set_missed (AgentDialer *self,
                         GListModel  *missed)
{
  g_return_if_fail (AGENT_IS_DIALER (self));

  if (self->missed != NULL)
    g_signal_handlers_disconnect_by_data (self->missed, self);
  if (!g_set_object (&self->missed, missed))
    return;

  gtk_list_box_bind_model (self->missed_list, missed, create_missed_row_cb, NULL, NULL);
  if (missed != NULL)
    g_signal_connect_object (missed, "items-changed", G_CALLBACK (on_missed_changed_cb), self,
                             G_CONNECT_SWAPPED);
  on_missed_changed_cb (self);
}

/**
 * agent_dialer_get_mode:
 * @self: an #AgentDialer
 *
 * Returns: how numbers are dialed, from the `dial-mode` setting
 */
AgentDialMode
agent_dialer_get_mode (AgentDialer *self)
{
  g_autofree char *mode = NULL;

  g_return_val_if_fail (AGENT_IS_DIALER (self), AGENT_DIAL_MODE_CALLBACK);

  mode = g_settings_get_string (self->settings, "dial-mode");
  if (g_str_equal (mode, "smarttel"))
    return AGENT_DIAL_MODE_SMARTTEL;
  if (g_str_equal (mode, "message"))
    return AGENT_DIAL_MODE_MESSAGE;
  return AGENT_DIAL_MODE_CALLBACK;
}

/**
 * agent_dialer_dial:
 * @self: an #AgentDialer
 * @number: what to dial, as typed, pasted or linked
 *
 * Dials at once in the configured mode, without asking, and writes the `dial` trace event
 * (`phone`, `mode`). A number that cannot be dialed is refused here, with the reason in
 * #AgentDialer:error, and nothing is sent.
 *
 * Returns: %TRUE if a request went to the server
 */
gboolean
agent_dialer_dial (AgentDialer *self,
                   const char  *number)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *formatted = NULL;
  BbhClient *client;
  AgentDialMode mode;

  g_return_val_if_fail (AGENT_IS_DIALER (self), FALSE);

  phone = agent_phone_normalize (number, &error);
  if (phone == NULL)
    {
      set_error (self, error->message);
      AGENT_TRACE ("dial-rejected",
                   "input", g_variant_new_string (number != NULL ? number : ""),
                   "reason", g_variant_new_string (error->message),
                   NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->number_entry));
      return FALSE;
    }

  client = agent_session_get_client (self->session);
  if (client == NULL || !agent_session_get_logged_in (self->session))
    {
      set_error (self, _("Log in to dial."));
      return FALSE;
    }

  mode = agent_dialer_get_mode (self);
  if (mode == AGENT_DIAL_MODE_SMARTTEL)
    {
      g_autofree char *mac = g_settings_get_string (self->settings, "smarttel-mac");

      if (*mac == '\0')
        {
          set_error (self, _("Set the SmartTel box’s address in Preferences to dial with it."));
          return FALSE;
        }
    }

  set_error (self, NULL);

  /* A new call replaces the progress of the last one. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->callback_id = 0;
  self->dialed_us = g_get_monotonic_time ();
  g_free (self->number);
  self->number = g_strdup (phone);

  formatted = agent_phone_format (phone);
  gtk_label_set_label (self->progress_number_label, formatted);
  remember_number (self, phone);

  AGENT_TRACE ("dial",
               "phone", g_variant_new_string (phone),
               "mode", g_variant_new_string (mode_nick (mode)),
               NULL);
  set_progress (self, AGENT_DIAL_PROGRESS_REQUESTING, _("Placing the call…"));

  switch (mode)
    {
    case AGENT_DIAL_MODE_SMARTTEL:
      {
        g_autofree char *mac = g_settings_get_string (self->settings, "smarttel-mac");

        bbh_client_send_tel_call_async (client, mac,
                                        g_settings_get_uint (self->settings, "smarttel-channel"),
                                        phone, self->cancellable, on_tel_call_cb,
                                        g_object_ref (self));
      }
      break;

    case AGENT_DIAL_MODE_MESSAGE:
      bbh_client_send_msg_async (client, BBH_EVENT_KIND_OUTGOING_CALL, BBH_CLIENT_TYPE_PC, phone,
                                 "{status:0}", g_get_real_time () / 1000, 60, 0.0, 0.0,
                                 self->cancellable, on_send_msg_cb, g_object_ref (self));
      break;

    case AGENT_DIAL_MODE_CALLBACK:
    default:
      {
        g_autofree char *source = g_settings_get_string (self->settings, "callback-source");
        g_autofree char *source_phone = NULL;

        if (*source != '\0')
          source_phone = agent_phone_normalize (source, NULL);
        if (source_phone == NULL)
          source_phone = g_strdup (agent_session_get_account (self->session));

        bbh_client_callback_phone_async (client, source_phone, phone, NULL, NULL,
                                         self->cancellable, on_callback_phone_cb,
                                         g_object_ref (self));
      }
      break;
    }

  return TRUE;
}

AgentDialProgress
agent_dialer_get_progress (AgentDialer *self)
{
  g_return_val_if_fail (AGENT_IS_DIALER (self), AGENT_DIAL_PROGRESS_NONE);

  return self->progress;
}

const char *
agent_dialer_get_progress_text (AgentDialer *self)
{
  g_return_val_if_fail (AGENT_IS_DIALER (self), NULL);

  return self->progress_text;
}

/**
 * agent_dialer_get_error:
 * @self: an #AgentDialer
 *
 * Returns: (nullable): why the last number was not dialed, in words
 */
const char *
agent_dialer_get_error (AgentDialer *self)
{
  g_return_val_if_fail (AGENT_IS_DIALER (self), NULL);

  return self->error;
}

/**
 * agent_dialer_get_dialed_number:
 * @self: an #AgentDialer
 *
 * Returns: (nullable): the number last dialed, normalized
 */
const char *
agent_dialer_get_dialed_number (AgentDialer *self)
{
  g_return_val_if_fail (AGENT_IS_DIALER (self), NULL);

  return self->number;
}

/**
 * agent_dialer_set_poll_interval:
 * @self: an #AgentDialer
 * @interval_ms: how often a callback's progress is asked for
 */
void
agent_dialer_set_poll_interval (AgentDialer *self,
                                guint        interval_ms)
{
  g_return_if_fail (AGENT_IS_DIALER (self));

  self->poll_interval = MAX (interval_ms, 50);
}
