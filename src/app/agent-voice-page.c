/* agent-voice-page.c — voice verification codes, the IVR proxy-dial cache, SmartTel dialing
 *
 * Three forms of section 2.2.5, 2.4.2–2.4.3 and 2.5.1: phoneAudit has the server call a number
 * and read a code (digits, Chinese text, the iFlytek engine, or a list of voice files), and
 * getPhoneAudit lists those calls page by page (an AgentPagedModel) by outcome, time and call
 * id, with their recordings; setIvrDialing keeps a number the server dials for a caller;
 * sendTelCall tells a SmartTel phone box to dial.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-voice-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-admin-private.h"
#include "agent-page.h"
#include "agent-paged-model.h"
#include "agent-player-bar.h"
#include "agent-voice-page.h"

#define AUDITS_PAGE_SIZE 50

static const BbhVoiceKind kinds[] = {
  BBH_VOICE_DIGITS, BBH_VOICE_CHINESE, BBH_VOICE_IFLYTEK, BBH_VOICE_FILE_LIST
};
static const BbhVoiceRecord records[] = {
  BBH_VOICE_RECORD_NONE, BBH_VOICE_RECORD_AFTER_TRANSFER, BBH_VOICE_RECORD_AFTER_ANSWER
};

struct _AgentVoicePage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkStack        *view_stack;
  AdwEntryRow     *phone_row;
  AdwComboRow     *kind_row;
  AdwEntryRow     *code_row;
  AdwComboRow     *record_row;
  AdwEntryRow     *command_row;
  GtkSearchEntry  *id_entry;
  GtkDropDown     *status_dropdown;
  GtkDropDown     *time_dropdown;
  GtkStack        *list_stack;
  AdwStatusPage   *list_status;
  GtkColumnView   *audits_view;
  GtkNoSelection  *audits_selection;
  AgentPlayerBar  *player_bar;
  AdwEntryRow     *ivr_source_row;
  AdwEntryRow     *ivr_dest_row;
  AdwEntryRow     *ivr_dial_row;
  GtkSpinButton   *ivr_seconds_spin;
  AdwEntryRow     *box_mac_row;
  GtkSpinButton   *box_channel_spin;
  AdwEntryRow     *box_phone_row;

  /* Owned */
  AgentSession    *session;
  GSettings       *settings;
  GCancellable    *cancellable;
  AgentPagedModel *audits;
  gboolean         want_loaded;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentVoicePage, agent_voice_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

/* Closures of the .ui ----------------------------------------------------------------------- */

static char *
id_text_cb (GtkListItem *item,
            gint64       id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");
}

static char *
status_text_cb (GtkListItem *item,
                gpointer     audit)
{
  if (!BBH_IS_PHONE_AUDIT (audit) || agent_paged_model_is_placeholder (audit))
    return g_strdup ("");
  return g_strdup (bbh_callback_status_to_string (bbh_phone_audit_get_status (audit)));
}

static char *
talk_time_cb (GtkListItem *item,
              int          seconds)
{
  return seconds > 0 ? agent_admin_format_duration (seconds) : g_strdup ("");
}

static gboolean
has_recording_cb (GtkListItem *item,
                  const char  *path)
{
  return path != NULL && *path != '\0';
}

static GVariant *
play_target_cb (GtkListItem *item,
                gpointer     audit)
{
  const char *path = BBH_IS_PHONE_AUDIT (audit) ? bbh_phone_audit_get_record_path (audit) : NULL;
  const char *phone = BBH_IS_PHONE_AUDIT (audit) ? bbh_phone_audit_get_phone (audit) : NULL;

  return g_variant_new ("(ss)", path != NULL ? path : "", phone != NULL ? phone : "");
}

/* The list ------------------------------------------------------------------------------------- */

static BbhClient *
get_client (AgentVoicePage *self)
{
  return self->session != NULL ? agent_session_get_client (self->session) : NULL;
}

static void
audits_fetch (guint                start,
              guint                limit,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             callback_data,
              gpointer             user_data)
{
  AgentVoicePage *self = AGENT_VOICE_PAGE (user_data);
  g_autoptr(BbhPhoneAuditQuery) query = bbh_phone_audit_query_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *id_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_entry))));
  guint64 id = 0;

  bbh_phone_audit_query_set_page (query, start / MAX (limit, 1) + 1, limit);

  switch (gtk_drop_down_get_selected (self->time_dropdown))
    {
    case 0:
      from = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
      break;
    case 1:
      from = g_date_time_add_days (now, -7);
      break;
    case 2:
      from = g_date_time_add_days (now, -30);
      break;
    default:
      break;
    }
  if (from != NULL)
    {
      to = g_date_time_add_days (now, 1);
      bbh_phone_audit_query_set_time_range (query, from, to);
    }

  switch (gtk_drop_down_get_selected (self->status_dropdown))
    {
    case 1:
      {
        static const BbhCallbackStatus answered[] = { BBH_CALLBACK_STATUS_ANSWERED, BBH_CALLBACK_STATUS_TRANSFERRED };
        bbh_phone_audit_query_set_statuses (query, answered, G_N_ELEMENTS (answered));
      }
      break;
    case 2:
      {
        static const BbhCallbackStatus missed[] = { BBH_CALLBACK_STATUS_NO_ANSWER };
        bbh_phone_audit_query_set_statuses (query, missed, G_N_ELEMENTS (missed));
      }
      break;
    case 3:
      {
        static const BbhCallbackStatus waiting[] = { BBH_CALLBACK_STATUS_NOT_CALLED, BBH_CALLBACK_STATUS_CALLING,
                                                      BBH_CALLBACK_STATUS_PAUSED };
        bbh_phone_audit_query_set_statuses (query, waiting, G_N_ELEMENTS (waiting));
      }
      break;
    default:
      break;
    }

  if (*id_text != '\0' && g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    bbh_phone_audit_query_set_id (query, (gint64) id);

  bbh_client_get_phone_audit_async (get_client (self), query, cancellable, callback, callback_data);
}

static GListModel *
audits_finish (GAsyncResult  *result,
               guint64       *out_total,
               GError       **error,
               gpointer       user_data)
{
  return bbh_client_get_phone_audit_finish (get_client (AGENT_VOICE_PAGE (user_data)), result,
                                            out_total, error);
}

static void
finish_loading (AgentVoicePage *self,
                guint           rows)
{
  if (!self->want_loaded)
    return;
  self->want_loaded = FALSE;
  agent_page_loaded (AGENT_PAGE (self), rows);
}

static void
on_audits_loaded_cb (AgentVoicePage *self,
                     guint           start,
                     guint           n_items)
{
  guint64 total = agent_paged_model_get_total (self->audits);

  if (start != 0)
    return;
  if (total == 0)
    {
      adw_status_page_set_icon_name (self->list_status, "audio-volume-high-symbolic");
      adw_status_page_set_title (self->list_status, _("No Voice Codes"));
      adw_status_page_set_description (self->list_status, _("No voice code sent matches what is chosen"));
    }
  gtk_stack_set_visible_child_name (self->list_stack, total > 0 ? "list" : "status");
  finish_loading (self, (guint) MIN (total, G_MAXUINT));
}

static void
on_audits_error_cb (AgentVoicePage *self,
                    const GError   *error)
{
  gboolean denied = agent_admin_error_is_denied (error);

  adw_status_page_set_icon_name (self->list_status, denied ? "action-unavailable-symbolic"
                                                           : "dialog-warning-symbolic");
  adw_status_page_set_title (self->list_status, denied ? _("Only Administrators See Voice Codes")
                                                       : _("The Voice Codes Could Not Be Loaded"));
  adw_status_page_set_description (self->list_status, error->message);
  gtk_stack_set_visible_child_name (self->list_stack, "status");
  finish_loading (self, 0);
}

static void
reload (AgentVoicePage *self)
{
  if (get_client (self) == NULL)
    {
      finish_loading (self, 0);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->audits)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  agent_paged_model_reload (self->audits);
}

static void
on_filter_changed_cb (AgentVoicePage *self)
{
  reload (self);
}

static void
agent_voice_page_load (AgentPage    *page,
                       AgentSession *session)
{
  AgentVoicePage *self = AGENT_VOICE_PAGE (page);

  g_set_object (&self->session, session);
  self->want_loaded = TRUE;
  reload (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_voice_page_load;
}

/* Forms ---------------------------------------------------------------------------------------- */

static char *
row_phone (AdwEntryRow  *row,
           const char   *what,
           GString      *problems)
{
  g_autoptr(GError) error = NULL;
  char *phone = agent_admin_normalize_phone (gtk_editable_get_text (GTK_EDITABLE (row)), &error);

  if (phone == NULL)
    {
      /* Translators: a field of a form, then what is wrong with it */
      g_string_append_printf (problems, _("%s: %s"), what, error->message);
      g_string_append_c (problems, '\n');
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  return phone;
}

static void
report (AgentVoicePage *self,
        GString        *problems)
{
  while (problems->len > 0 && problems->str[problems->len - 1] == '\n')
    g_string_truncate (problems, problems->len - 1);
  agent_admin_toast (GTK_WIDGET (self), problems->str);
}

static void
on_kind_changed_cb (AgentVoicePage *self)
{
  BbhVoiceKind kind = kinds[MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1)];

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->code_row),
                                 kind == BBH_VOICE_DIGITS ? _("Code (digits)")
                                 : kind == BBH_VOICE_FILE_LIST ? _("Text of the voice files")
                                 : _("Text to read"));
  g_object_set (self->code_row, "input-purpose",
                kind == BBH_VOICE_DIGITS ? GTK_INPUT_PURPOSE_DIGITS : GTK_INPUT_PURPOSE_FREE_FORM, NULL);
}

static void
on_phone_audit_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AgentVoicePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  id = bbh_client_phone_audit_finish (BBH_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    message = g_strdup_printf (_("The voice code could not be sent: %s"), error->message);
  else
    {
      g_autofree char *call = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* Translators: %s is the id of the verification call */
      message = g_strdup_printf (_("The voice code is on its way (call %s)"), call);
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
      reload (self);
    }
  agent_admin_toast (GTK_WIDGET (self), message);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentVoicePage *self = AGENT_VOICE_PAGE (widget);
  BbhClient *client = get_client (self);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *phone = row_phone (self->phone_row, _("Phone number"), problems);
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
  g_autofree char *command = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->command_row))));
  BbhVoiceKind kind = kinds[MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1)];
  BbhVoiceRecord record = records[MIN (adw_combo_row_get_selected (self->record_row), G_N_ELEMENTS (records) - 1)];

  if (client == NULL)
    return;
  if (*code == '\0')
    g_string_append (problems, _("Write the code to read.\n"));
  else if (kind == BBH_VOICE_DIGITS && strspn (code, "0123456789") != strlen (code))
    g_string_append (problems, _("A code read as digits has digits only.\n"));
  if (problems->len > 0)
    {
      report (self, problems);
      return;
    }

  bbh_client_phone_audit_async (client, code, kind, 0, phone, record, *command != '\0' ? command : NULL,
                                self->cancellable, on_phone_audit_cb, g_object_ref (self));
}

static void
on_ivr_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AgentVoicePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!bbh_client_set_ivr_dialing_finish (BBH_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The number to dial could not be kept: %s"), error->message);
    }
  else
    message = g_strdup (_("The number to dial is kept"));
  agent_admin_toast (GTK_WIDGET (self), message);
}

static void
save_ivr_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentVoicePage *self = AGENT_VOICE_PAGE (widget);
  BbhClient *client = get_client (self);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *source = row_phone (self->ivr_source_row, _("Caller"), problems);
  g_autofree char *dest = row_phone (self->ivr_dest_row, _("Number called"), problems);
  g_autofree char *dial = row_phone (self->ivr_dial_row, _("Number to dial"), problems);

  if (client == NULL)
    return;
  if (problems->len > 0)
    {
      report (self, problems);
      return;
    }
  bbh_client_set_ivr_dialing_async (client, source, dest, dial,
                                    gtk_spin_button_get_value_as_int (self->ivr_seconds_spin),
                                    self->cancellable, on_ivr_saved_cb, g_object_ref (self));
}

static void
on_box_dialed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentVoicePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!bbh_client_send_tel_call_finish (BBH_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The box could not be told to dial: %s"), error->message);
    }
  else
    message = g_strdup (_("The box is dialing"));
  agent_admin_toast (GTK_WIDGET (self), message);
}

static gboolean
looks_like_mac (const char *text)
{
  guint hex = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        hex++;
      else if (*p != ':' && *p != '-' && *p != '.')
        return FALSE;
    }
  return hex == 12;
}

static void
box_dial_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentVoicePage *self = AGENT_VOICE_PAGE (widget);
  BbhClient *client = get_client (self);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *mac = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->box_mac_row))));
  g_autofree char *phone = row_phone (self->box_phone_row, _("Number to dial"), problems);
  guint channel = gtk_spin_button_get_value_as_int (self->box_channel_spin);

  if (client == NULL)
    return;
  if (!looks_like_mac (mac))
    {
      g_string_append (problems, _("The box address is its MAC address, like 00:1A:2B:3C:4D:5E.\n"));
      gtk_widget_add_css_class (GTK_WIDGET (self->box_mac_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->box_mac_row), "error");
  if (problems->len > 0)
    {
      report (self, problems);
      return;
    }

  /* the next time, the same box */
  g_settings_set_string (self->settings, "smarttel-mac", mac);
  g_settings_set_uint (self->settings, "smarttel-channel", channel);
  bbh_client_send_tel_call_async (client, mac, channel, phone, self->cancellable, on_box_dialed_cb,
                                  g_object_ref (self));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentVoicePage *self = AGENT_VOICE_PAGE (widget);
  BbhClient *client = get_client (self);
  const char *path, *title;
  g_autofree char *url = NULL;

  g_variant_get (parameter, "(&s&s)", &path, &title);
  if (client == NULL || *path == '\0')
    return;
  url = bbh_client_dup_recording_url (client, path);
  if (url != NULL)
    agent_player_bar_open (self->player_bar, url, NULL, title);
}

/* GObject -------------------------------------------------------------------------------------- */

static void
agent_voice_page_dispose (GObject *object)
{
  AgentVoicePage *self = AGENT_VOICE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->player_bar != NULL)
    agent_player_bar_close (self->player_bar);
  g_clear_object (&self->audits);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_VOICE_PAGE);

  G_OBJECT_CLASS (agent_voice_page_parent_class)->dispose (object);
}

static void
agent_voice_page_class_init (AgentVoicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_voice_page_dispose;

  g_type_ensure (BBH_TYPE_PHONE_AUDIT);
  g_type_ensure (AGENT_TYPE_PLAYER_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-voice-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, code_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, record_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, command_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, id_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, time_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, list_status);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, audits_view);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, audits_selection);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, player_bar);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, ivr_source_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, ivr_dest_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, ivr_dial_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, ivr_seconds_spin);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, box_mac_row);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, box_channel_spin);
  gtk_widget_class_bind_template_child (widget_class, AgentVoicePage, box_phone_row);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, talk_time_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_recording_cb);
  gtk_widget_class_bind_template_callback (widget_class, play_target_cb);

  gtk_widget_class_install_action (widget_class, "voice.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "voice.save-ivr", NULL, save_ivr_action);
  gtk_widget_class_install_action (widget_class, "voice.box-dial", NULL, box_dial_action);
  gtk_widget_class_install_action (widget_class, "voice.play", "(ss)", play_action);
}

static void
agent_voice_page_init (AgentVoicePage *self)
{
  g_autofree char *mac = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  agent_admin_combo_row_show_whole (self->kind_row);
  agent_admin_combo_row_show_whole (self->record_row);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->audits = agent_paged_model_new (BBH_TYPE_PHONE_AUDIT, AUDITS_PAGE_SIZE);
  agent_paged_model_set_fetch_func (self->audits, audits_fetch, audits_finish, self, NULL);
  g_signal_connect_object (self->audits, "page-loaded", G_CALLBACK (on_audits_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audits, "error", G_CALLBACK (on_audits_error_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_no_selection_set_model (self->audits_selection, G_LIST_MODEL (self->audits));

  mac = g_settings_get_string (self->settings, "smarttel-mac");
  gtk_editable_set_text (GTK_EDITABLE (self->box_mac_row), mac);
  gtk_spin_button_set_value (self->box_channel_spin, g_settings_get_uint (self->settings, "smarttel-channel"));
  on_kind_changed_cb (self);
}

GtkWidget *
agent_voice_page_new (void)
{
  return g_object_new (AGENT_TYPE_VOICE_PAGE, NULL);
}

/**
 * agent_voice_page_get_audits:
 *
 * Returns: (transfer none): the voice codes listed (an #AgentPagedModel of #BbhPhoneAudit)
 */
GListModel *
agent_voice_page_get_audits (AgentVoicePage *self)
{
  g_return_val_if_fail (AGENT_IS_VOICE_PAGE (self), NULL);

  return G_LIST_MODEL (self->audits);
}
