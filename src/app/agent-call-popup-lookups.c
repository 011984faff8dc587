/* agent-call-popup-lookups.c — the pop-up's sections: what the server knows about the number
 *
 * Each section asks on its own, after the pop-up is on screen, and shows its own loading,
 * empty and error state. Server text goes into plain labels, never markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-call-popup"

#include "config.h"

#include "agent-call-popup-private.h"
#include "agent-phone.h"
#include "agent-trace.h"

/* The call record lags the hang-up by a moment: ask again after these delays (ms). */
static const guint record_retry_ms[] = { 300, 700, 1500, 3000, 5000 };

static void
on_area_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhArea) area = bbh_client_get_area_phone_finish (BBH_CLIENT (object), result, &error);

  if (is_cancelled (error))
    return;

  if (area == NULL || is_empty (bbh_area_get_area (area)))
    {
      gtk_label_set_label (self->area_label, error != NULL ? _("Area unknown") : "");
      return;
    }

  if (!is_empty (bbh_area_get_area_code (area)))
    {
      g_autofree char *text = g_strdup_printf ("%s · %s", bbh_area_get_area (area),
                                               bbh_area_get_area_code (area));
      gtk_label_set_label (self->area_label, text);
    }
  else
    {
      gtk_label_set_label (self->area_label, bbh_area_get_area (area));
    }
}

/* What a coded value means to a person: the company's code lists, shared with the customer
 * page (AgentCustomerFields), or the value as it came until they arrive. */
static const char *
code_text (AgentCallPopup *self,
           const char     *code_type,
           const char     *value)
{
  if (self->fields == NULL)
    return value;
  return agent_customer_fields_get_code_text (self->fields, code_type, value);
}

void
agent_call_popup_show_customer (AgentCallPopup *self)
{
  BbhCustomer *customer = self->customer;
  const char *status = code_text (self, AGENT_CODES_STATUS, bbh_customer_get_status (customer));
  const char *type = code_text (self, AGENT_CODES_TYPE,
                                bbh_customer_get_customer_type (customer));
  GListModel *phones = bbh_customer_get_phones (customer);
  GListModel *sales = bbh_customer_get_sales (customer);
  GtkWidget *row;

  list_box_clear (self->customer_list);

  row = text_row (!is_empty (bbh_customer_get_name (customer)) ? bbh_customer_get_name (customer)
                                                               : _("Unnamed customer"),
                  bbh_customer_get_corp_name (customer));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  if (self->locked)
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_tooltip_text (lock, _("Locked to an agent"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), lock);
    }
  gtk_widget_add_css_class (row, "customer-name");
  gtk_list_box_append (self->customer_list, row);

  if (!is_empty (status) || !is_empty (type))
    {
      g_autofree char *text = NULL;

      if (!is_empty (status) && !is_empty (type))
        text = g_strdup_printf ("%s · %s", status, type);
      else
        text = g_strdup (!is_empty (status) ? status : type);
      gtk_list_box_append (self->customer_list, text_row (_("Status"), text));
    }

  for (guint i = 0; phones != NULL && i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);
      g_autofree char *number = agent_phone_format (bbh_customer_phone_get_phone (phone));
      const char *what = code_text (self, AGENT_CODES_PHONE_TYPE,
                                    bbh_customer_phone_get_phone_type (phone));
      const char *who = bbh_customer_phone_get_link_man (phone);
      g_autofree char *subtitle = NULL;

      if (!is_empty (what) && !is_empty (who))
        subtitle = g_strdup_printf ("%s · %s", what, who);
      else
        subtitle = g_strdup (!is_empty (what) ? what : who);

      row = text_row (number, subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("call-start-symbolic"));
      gtk_list_box_append (self->customer_list, row);
    }

  if (sales != NULL && g_list_model_get_n_items (sales) > 0)
    {
      guint won = 0, n = g_list_model_get_n_items (sales);
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BbhSale) sale = g_list_model_get_item (sales, i);

          if (bbh_sale_get_status (sale) == 1)
            won++;
        }
      /* Translators: the sales of a customer; the numbers are counts */
      text = g_strdup_printf (ngettext ("%u signed of %u sale", "%u signed of %u sales", n),
                              won, n);
      gtk_list_box_append (self->customer_list, text_row (_("Sales"), text));
    }

  set_section (self->customer_stack, self->customer_spinner, "found");
  agent_call_popup_update_title (self);
  agent_call_popup_update_customer_actions (self);
}

static void
on_customer_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomer) customer = NULL;

  customer = bbh_client_get_customer_finish (BBH_CLIENT (object), result, &error);
  if (is_cancelled (error))
    return;

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The customer could not be looked up. %s"),
                                               error->message);

      gtk_label_set_label (self->customer_error_label, text);
      set_section (self->customer_stack, self->customer_spinner, "error");
      return;
    }

  g_set_object (&self->customer, customer);
  if (customer == NULL)
    {
      agent_call_popup_update_customer_actions (self);
      set_section (self->customer_stack, self->customer_spinner, "unknown");
      return;
    }
  self->locked = bbh_customer_get_is_locked (customer);

  agent_call_popup_show_customer (self);
}

/* The code lists came after the customer: name the codes now. */
static void
on_fields_loaded_cb (AgentCallPopup *self)
{
  if (self->customer != NULL)
    agent_call_popup_show_customer (self);
}

void
agent_call_popup_lookup_customer (AgentCallPopup *self)
{
  AgentCustomerFields *fields = agent_customer_fields_get_for_client (self->client);

  if (fields != self->fields)
    {
      if (self->fields != NULL)
        g_signal_handlers_disconnect_by_func (self->fields, on_fields_loaded_cb, self);
      g_set_object (&self->fields, fields);
      g_signal_connect_object (fields, "notify::loaded", G_CALLBACK (on_fields_loaded_cb), self,
                               G_CONNECT_SWAPPED);
    }

  set_section (self->customer_stack, self->customer_spinner, "loading");
  bbh_client_get_customer_async (self->client, self->phone, self->cancellable,
                                 on_customer_cb, g_object_ref (self));
}

GtkWidget *
agent_call_popup_memo_row (const char *text,
          const char *when,
          const char *who)
{
  g_autofree char *time = format_server_time (when);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (!is_empty (who))
    subtitle = g_strdup_printf ("%s · %s", time, who);
  else
    subtitle = g_strdup (time);

  row = text_row (text, subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "memo-row");
  return row;
}

static void
on_memos_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) memos = NULL;
  guint n;

  memos = bbh_client_get_memos_finish (BBH_CLIENT (object), result, NULL, &error);
  if (is_cancelled (error))
    return;

  if (memos == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The memos could not be loaded. %s"),
                                               error->message);

      gtk_label_set_label (self->memos_error_label, text);
      set_section (self->memos_stack, self->memos_spinner, "error");
      return;
    }

  /* A memo saved in this pop-up before the answer came stays on top. */
  n = MIN (g_list_model_get_n_items (memos), AGENT_CALL_POPUP_LIST_LIMIT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhMemo) memo = g_list_model_get_item (memos, i);
      const char *who = bbh_memo_get_extension_name (memo);

      gtk_list_box_append (self->memos_list,
                           agent_call_popup_memo_row (bbh_memo_get_text (memo), bbh_memo_get_time (memo),
                                     !is_empty (who) ? who : bbh_memo_get_extension (memo)));
    }

  set_section (self->memos_stack, self->memos_spinner,
               gtk_widget_get_first_child (GTK_WIDGET (self->memos_list)) != NULL ? "list"
                                                                                  : "empty");
}

void
agent_call_popup_lookup_memos (AgentCallPopup *self)
{
  set_section (self->memos_stack, self->memos_spinner, "loading");
  bbh_client_get_memos_async (self->client, self->phone, 0, AGENT_CALL_POPUP_LIST_LIMIT, self->cancellable,
                              on_memos_cb, g_object_ref (self));
}

static GtkWidget *
call_row (BbhCallRecord *record)
{
  g_autofree char *when = format_server_time (bbh_call_record_get_start_time (record));
  g_autofree char *duration = format_duration (bbh_call_record_get_talk_time (record));
  g_autofree char *subtitle = NULL;
  BbhCallDirection direction = bbh_call_record_get_direction (record);
  const char *who = bbh_call_record_get_extension_name (record);
  gboolean outgoing = direction == BBH_CALL_DIRECTION_OUT ||
                      direction == BBH_CALL_DIRECTION_CAMPAIGN_OUT;
  gboolean answered = bbh_call_record_get_talk_time (record) > 0;
  const char *what;
  GtkWidget *row;

  if (!answered)
    what = outgoing ? _("No answer") : _("Missed");
  else
    what = duration;

  if (!is_empty (who))
    subtitle = g_strdup_printf ("%s · %s", what, who);
  else
    subtitle = g_strdup (what);

  row = text_row (when, subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (!answered && !outgoing
                                                           ? "call-missed-symbolic"
                                                           : outgoing ? "call-outgoing-symbolic"
                                                                      : "call-incoming-symbolic"));
  return row;
}

static void
on_calls_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) calls = NULL;
  guint n;

  calls = bbh_client_find_dial_record_finish (BBH_CLIENT (object), result, NULL, &error);
  if (is_cancelled (error))
    return;

  if (calls == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Earlier calls could not be loaded. %s"),
                                               error->message);

      gtk_label_set_label (self->calls_error_label, text);
      set_section (self->calls_stack, self->calls_spinner, "error");
      return;
    }

  list_box_clear (self->calls_list);
  n = MIN (g_list_model_get_n_items (calls), AGENT_CALL_POPUP_LIST_LIMIT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhCallRecord) record = g_list_model_get_item (calls, i);

      /* This very call is not an earlier one. */
      if (self->cdr_id > 0 && bbh_call_record_get_id (record) == self->cdr_id)
        continue;
      gtk_list_box_append (self->calls_list, call_row (record));
    }

  set_section (self->calls_stack, self->calls_spinner,
               gtk_widget_get_first_child (GTK_WIDGET (self->calls_list)) != NULL ? "list"
                                                                                  : "empty");
}

void
agent_call_popup_lookup_calls (AgentCallPopup *self)
{
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();

  bbh_call_record_query_set_phone (query, self->phone);
  bbh_call_record_query_set_page (query, 0, AGENT_CALL_POPUP_LIST_LIMIT + 1);
  set_section (self->calls_stack, self->calls_spinner, "loading");
  bbh_client_find_dial_record_async (self->client, query, self->cancellable, on_calls_cb,
                                     g_object_ref (self));
}

static gboolean
on_record_retry_cb (gpointer user_data)
{
  AgentCallPopup *self = user_data;

  self->record_retry_id = 0;
  agent_call_popup_lookup_record (self);
  return G_SOURCE_REMOVE;
}

static void
retry_record_later (AgentCallPopup *self)
{
  if (self->record_attempts >= G_N_ELEMENTS (record_retry_ms))
    return;

  g_clear_handle_id (&self->record_retry_id, g_source_remove);
  self->record_retry_id = g_timeout_add (record_retry_ms[self->record_attempts],
                                         on_record_retry_cb, self);
}

static void
on_record_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AgentCallPopup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(BbhCallRecord) record = NULL;

  records = bbh_client_find_dial_record_finish (BBH_CLIENT (object), result, NULL, &error);
  if (is_cancelled (error))
    return;

  if (records != NULL && g_list_model_get_n_items (records) > 0)
    record = g_list_model_get_item (records, 0);

  if (record == NULL || bbh_call_record_get_id (record) != self->cdr_id)
    {
      retry_record_later (self);
      return;
    }

  g_set_object (&self->record, record);
  if (bbh_call_record_get_talk_time (record) > 0 && self->state == AGENT_CALL_STATE_ENDED)
    agent_call_popup_set_talk_seconds (self, bbh_call_record_get_talk_time (record));
  agent_call_popup_update_state_label (self);
}

void
agent_call_popup_lookup_record (AgentCallPopup *self)
{
  g_autoptr(BbhCallRecordQuery) query = NULL;

  if (self->client == NULL || self->cdr_id <= 0)
    return;

  self->record_attempts++;
  query = bbh_call_record_query_new ();
  bbh_call_record_query_set_id (query, self->cdr_id);
  bbh_call_record_query_set_page (query, 0, 1);
  bbh_client_find_dial_record_async (self->client, query, self->cancellable, on_record_cb,
                                     g_object_ref (self));
}

void
agent_call_popup_lookup_area (AgentCallPopup *self)
{
  bbh_client_get_area_phone_async (self->client, self->phone, self->cancellable, on_area_cb,
                                   g_object_ref (self));
}
