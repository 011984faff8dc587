/* agent-customer-view.c — one customer: every field, numbers, sales, calls and notes
 *
 * The detail side of the customers page. Fields carry the company's labels (getTableFields)
 * and coded values their text (getCodes). Each number has a dial button (app.dial). Sales come
 * from getCustomerSales and their result can be set; the customer's calls (findDialrecord for
 * each number) and notes (getMemos for each number) are one timeline, newest first.
 *
 * What its buttons do is in agent-customer-view-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-view"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "agent-customer-private.h"
#include "agent-customer-view-private.h"
#include "agent-phone.h"

G_DEFINE_FINAL_TYPE (AgentCustomerView, agent_customer_view, ADW_TYPE_BIN)

enum {
  SIGNAL_LOADED,
  SIGNAL_QUEUED,
  SIGNAL_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* The details, in the order of the document's savecustomer table; coded fields name their
 * choice list. */
static const struct
{
  const char *member;
  const char *code_type;
} detail_fields[] = {
  { "custName", NULL },
  { "custCorpName", NULL },
  { "custStatus", AGENT_CODES_STATUS },
  { "custType", AGENT_CODES_TYPE },
  { "custSource", AGENT_CODES_SOURCE },
  { "custSex", AGENT_CODES_SEX },
  { "custAge", NULL },
  { "custBirthdayType", NULL },
  { "custBirthday", NULL },
  { "custQQ", NULL },
  { "custArea", NULL },
  { "custAddr", NULL },
  { "custMemo", NULL },
  { "custOther1", NULL },
  { "custOther2", NULL },
  { "custOther3", NULL },
};

/* ---- helpers ---- */

gboolean
agent_customer_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

void
agent_customer_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

char *
agent_customer_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  /* Translators: a date and time in a customer's history; see strftime(3) */
  return g_date_time_format (local, _("%x %H:%M"));
}

GtkWidget *
agent_customer_text_row (const char *title,
                         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
add_message_row (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_append (list, label);
}

static BbhClient *
get_client (AgentCustomerView *self)
{
  return self->session != NULL ? agent_session_get_client (self->session) : NULL;
}

static const char *
code_text (AgentCustomerView *self,
           const char        *code_type,
           const char        *value)
{
  if (self->fields == NULL)
    return value;
  return agent_customer_fields_get_code_text (self->fields, code_type, value);
}

static char *
dup_label (AgentCustomerView *self,
           const char        *member)
{
  g_autoptr(AgentCustomerFields) fallback = NULL;

  if (self->fields != NULL)
    return agent_customer_fields_dup_label (self->fields, member);

  fallback = g_object_new (AGENT_TYPE_CUSTOMER_FIELDS, NULL);
  return agent_customer_fields_dup_label (fallback, member);
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

/* ---- the record ---- */

static const char *
birthday_type_text (int type)
{
  switch (type)
    {
    case 1:
      return _("Solar calendar");
    case 2:
      return _("Lunar calendar");
    default:
      return _("None");
    }
}

/* The server's "yyyy-mm-dd hh:mm:ss" as the locale writes a date and time; as it came when it
 * is not one. */
static char *
format_server_time (const char *text)
{
  int year, month, day, hour = 0, minute = 0, second = 0;

  if (sscanf (text, "%d-%d-%d %d:%d:%d", &year, &month, &day, &hour, &minute, &second) >= 3 &&
      g_date_valid_dmy (day, month, year) && hour >= 0 && hour < 24 && minute >= 0 &&
      minute < 60 && second >= 0 && second < 61)
    {
      g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, minute,
                                                        MIN (second, 59));

      if (time != NULL)
        return agent_customer_format_time (time);
    }
  return g_strdup (text);
}

static void
show_details (AgentCustomerView *self)
{
  BbhCustomer *customer = self->customer;
  static const struct
  {
    const char *member;
    const char *label;
    gboolean    time;
  } extra[] = {
    { "exteName", N_("Agent"), FALSE },
    { "custCreateTime", N_("Created"), TRUE },
    { "custUpdateTime", N_("Changed"), TRUE },
    { "custLastCallTime", N_("Last call"), TRUE },
  };

  agent_customer_list_box_clear (self->detail_list);

  for (guint i = 0; i < G_N_ELEMENTS (detail_fields); i++)
    {
      g_autofree char *label = dup_label (self, detail_fields[i].member);
      g_autofree char *raw = NULL;
      const char *value;
      GtkWidget *row, *value_label;

      if (g_str_equal (detail_fields[i].member, "custBirthdayType"))
        value = birthday_type_text (bbh_customer_get_birthday_type (customer));
      else
        {
          raw = bbh_customer_dup_field (customer, detail_fields[i].member);
          value = detail_fields[i].code_type != NULL
                  ? code_text (self, detail_fields[i].code_type, raw) : raw;
        }

      row = agent_customer_text_row (label, NULL);
      gtk_widget_set_name (row, detail_fields[i].member);
      value_label = gtk_label_new (agent_customer_is_blank (value) ? "—" : value);
      gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (value_label), 1);
      gtk_label_set_max_width_chars (GTK_LABEL (value_label), 40);
      gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (value_label, TRUE);
      if (agent_customer_is_blank (value))
        gtk_widget_add_css_class (value_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label);
      gtk_list_box_append (self->detail_list, row);
    }

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_autofree char *value = bbh_customer_dup_field (customer, extra[i].member);
      GtkWidget *row, *value_label;

      if (agent_customer_is_blank (value))
        continue;
      if (extra[i].time)
        {
          char *shown = format_server_time (value);

          g_free (value);
          value = shown;
        }
      row = agent_customer_text_row (_(extra[i].label), NULL);
      gtk_widget_set_name (row, extra[i].member);
      value_label = gtk_label_new (value);
      gtk_label_set_xalign (GTK_LABEL (value_label), 1);
      gtk_widget_add_css_class (value_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label);
      gtk_list_box_append (self->detail_list, row);
    }
}

static void
show_phones (AgentCustomerView *self)
{
  GListModel *phones = bbh_customer_get_phones (self->customer);
  guint n = phones != NULL ? g_list_model_get_n_items (phones) : 0;

  agent_customer_list_box_clear (self->phone_list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);
      const char *number = bbh_customer_phone_get_phone (phone);
      const char *type = bbh_customer_phone_get_phone_type (phone);
      const char *link_man = bbh_customer_phone_get_link_man (phone);
      g_autofree char *formatted = agent_phone_format (number);
      g_autofree char *subtitle = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *row, *button;

      type = code_text (self, AGENT_CODES_PHONE_TYPE, type);
      if (!agent_customer_is_blank (type) && !agent_customer_is_blank (link_man))
        /* Translators: a phone's type, then who answers it: “Mobile · Ms Han” */
        subtitle = g_strdup_printf (_("%s · %s"), type, link_man);
      else if (!agent_customer_is_blank (type))
        subtitle = g_strdup (type);
      else if (!agent_customer_is_blank (link_man))
        subtitle = g_strdup (link_man);

      row = agent_customer_text_row (formatted, subtitle);
      gtk_widget_add_css_class (row, "numeric");

      button = gtk_button_new_from_icon_name ("call-start-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Translators: %s is a phone number */
      tooltip = g_strdup_printf (_("Call %s"), formatted);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.dial");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", number != NULL ? number : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->phone_list, row);
    }

  if (n == 0)
    add_message_row (self->phone_list, _("This customer has no phone number."));
}

static void
show_header (AgentCustomerView *self)
{
  BbhCustomer *customer = self->customer;
  const char *name = bbh_customer_get_name (customer);
  const char *corp = bbh_customer_get_corp_name (customer);
  const char *status = code_text (self, AGENT_CODES_STATUS, bbh_customer_get_status (customer));
  const char *type = code_text (self, AGENT_CODES_TYPE, bbh_customer_get_customer_type (customer));
  gboolean locked = bbh_customer_get_is_locked (customer);
  g_autofree char *owner = bbh_customer_dup_field (customer, "exteName");
  g_autofree char *summary = NULL;

  gtk_label_set_label (self->name_label, !agent_customer_is_blank (name) ? name : _("Unnamed customer"));
  gtk_label_set_label (self->corp_label, corp != NULL ? corp : "");
  gtk_widget_set_visible (GTK_WIDGET (self->corp_label), !agent_customer_is_blank (corp));

  if (!agent_customer_is_blank (status) && !agent_customer_is_blank (type))
    /* Translators: the customer's status, then its type: “Prospect · Company” */
    summary = g_strdup_printf (_("%s · %s"), status, type);
  else if (!agent_customer_is_blank (status))
    summary = g_strdup (status);
  else if (!agent_customer_is_blank (type))
    summary = g_strdup (type);
  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL);

  gtk_widget_set_visible (self->locked_box, locked);
  if (locked && !agent_customer_is_blank (owner))
    {
      /* Translators: %s is the agent the customer belongs to */
      g_autofree char *text = g_strdup_printf (_("Locked to %s"), owner);

      gtk_label_set_label (self->locked_label, text);
    }
  else
    gtk_label_set_label (self->locked_label, _("Locked"));

  gtk_button_set_label (self->lock_button, locked ? _("Unlock") : _("Lock"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lock_button),
                               locked ? _("Let other agents change this customer")
                                      : _("Keep this customer to yourself"));
}

static void
show_record (AgentCustomerView *self)
{
  show_header (self);
  show_phones (self);
  show_details (self);
  gtk_widget_set_visible (self->pending_box, self->pending);
  gtk_stack_set_visible_child_name (self->stack, "customer");
}

static void
on_fields_loaded_cb (AgentCustomerView *self)
{
  if (self->customer != NULL)
    {
      show_header (self);
      show_phones (self);
      show_details (self);
    }
}

/* ---- sales, calls and notes ---- */

static void
load_extras (AgentCustomerView *self)
{
  BbhClient *client = get_client (self);

  agent_customer_sales_load (self->sales, client, bbh_customer_get_phone (self->customer));
  agent_customer_history_load (self->history, client, bbh_customer_get_phones (self->customer));
}

static void
cancel_extras (AgentCustomerView *self)
{
  agent_customer_sales_clear (self->sales);
  agent_customer_history_clear (self->history);
}

/* ---- loading a customer ---- */

static void
set_customer (AgentCustomerView *self,
              BbhCustomer       *customer)
{
  g_set_object (&self->customer, customer);
  agent_customer_view_update_actions (self);
  if (customer != NULL && bbh_customer_get_phone (customer) != NULL)
    {
      g_free (self->phone);
      self->phone = g_strdup (bbh_customer_get_phone (customer));
    }
}

static void
on_customer_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentCustomerView) self = user_data;
  g_autoptr(BbhCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = bbh_client_get_customer_finish (BBH_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_clear_object (&self->customer);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0, FALSE, error->message);
      return;
    }

  if (customer == NULL)
    {
      g_autofree char *number = agent_phone_format (self->phone);
      g_autofree char *text = NULL;

      g_clear_object (&self->customer);
      cancel_extras (self);
      /* Translators: %s is a phone number */
      text = g_strdup_printf (_("No customer has the number %s. Create one to keep notes, sales and details together."),
                              number);
      adw_status_page_set_description (self->unknown_page, text);
      gtk_stack_set_visible_child_name (self->stack, "unknown");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0, FALSE, NULL);
      return;
    }

  set_customer (self, customer);
  show_record (self);
  load_extras (self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0, TRUE, NULL);
}

static void
fetch (AgentCustomerView *self,
       gboolean           quietly)
{
  BbhClient *client = get_client (self);

  cancel (&self->cancellable);
  if (client == NULL || self->phone == NULL)
    return;

  if (!quietly)
    {
      cancel_extras (self);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  self->cancellable = g_cancellable_new ();
  bbh_client_get_customer_async (client, self->phone, self->cancellable, on_customer_cb,
                                 g_object_ref (self));
}

void
agent_customer_view_update_actions (AgentCustomerView *self)
{
  gboolean has = self->customer != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.edit", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.toggle-lock", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.delete", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.set-sale", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.new-sale", has);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  fetch (AGENT_CUSTOMER_VIEW (widget), FALSE);
}

void
agent_customer_view_cancel_loads (AgentCustomerView *self)
{
  cancel (&self->cancellable);
  cancel_extras (self);
}

void
agent_customer_view_emit_queued (AgentCustomerView *self,
                                 gint64             entry_id,
                                 AgentOutboxKind    kind,
                                 gint64             customer_id,
                                 const char        *phone)
{
  g_signal_emit (self, signals[SIGNAL_QUEUED], 0, entry_id, kind, customer_id, phone);
}

void
agent_customer_view_emit_deleted (AgentCustomerView *self,
                                  gint64             customer_id)
{
  g_signal_emit (self, signals[SIGNAL_DELETED], 0, customer_id);
}

/* ---- GObject ---- */

static void
agent_customer_view_dispose (GObject *object)
{
  AgentCustomerView *self = AGENT_CUSTOMER_VIEW (object);

  cancel (&self->cancellable);
  cancel_extras (self);
  if (self->fields != NULL)
    g_signal_handlers_disconnect_by_data (self->fields, self);
  g_clear_object (&self->fields);
  g_clear_object (&self->session);
  g_clear_object (&self->outbox);
  g_clear_object (&self->customer);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CUSTOMER_VIEW);

  G_OBJECT_CLASS (agent_customer_view_parent_class)->dispose (object);
}

static void
agent_customer_view_finalize (GObject *object)
{
  AgentCustomerView *self = AGENT_CUSTOMER_VIEW (object);

  g_free (self->phone);

  G_OBJECT_CLASS (agent_customer_view_parent_class)->finalize (object);
}

static void
agent_customer_view_class_init (AgentCustomerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_customer_view_dispose;
  object_class->finalize = agent_customer_view_finalize;

  /**
   * AgentCustomerView::loaded:
   * @self: the view
   * @found: whether the server has a customer with the number
   * @error: (nullable): why it could not be asked, in words
   *
   * getcustomer answered for agent_customer_view_show_phone() or a reload, and what it said
   * is on screen.
   */
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);

  /**
   * AgentCustomerView::queued:
   * @self: the view
   * @entry_id: the outbox entry
   * @kind: what it changes
   * @customer_id: the customer, 0 for a new one
   * @phone: (nullable): the customer's (first) number
   *
   * A change is committed to the outbox and waits for the server.
   */
  signals[SIGNAL_QUEUED] =
    g_signal_new ("queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT64, AGENT_TYPE_OUTBOX_KIND, G_TYPE_INT64,
                  G_TYPE_STRING);

  /**
   * AgentCustomerView::deleted:
   * @self: the view
   * @customer_id: the customer the server deleted
   */
  signals[SIGNAL_DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (AGENT_TYPE_CUSTOMER_HISTORY);
  g_type_ensure (AGENT_TYPE_CUSTOMER_SALES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-customer-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, unknown_page);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, create_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, name_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, corp_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, locked_box);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, locked_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, pending_box);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, lock_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, phone_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, detail_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, sales);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerView, history);

  agent_customer_view_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "view.reload", NULL, reload_action);
}

static void
agent_customer_view_init (AgentCustomerView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  agent_customer_view_update_actions (self);
}

GtkWidget *
agent_customer_view_new (void)
{
  return g_object_new (AGENT_TYPE_CUSTOMER_VIEW, NULL);
}

/**
 * agent_customer_view_set_session:
 * @self: the view
 * @session: (nullable): the session whose client asks the server
 */
void
agent_customer_view_set_session (AgentCustomerView *self,
                                 AgentSession      *session)
{
  BbhClient *client;
  AgentCustomerFields *fields = NULL;

  g_return_if_fail (AGENT_IS_CUSTOMER_VIEW (self));

  g_set_object (&self->session, session);
  client = get_client (self);
  if (client != NULL)
    fields = agent_customer_fields_get_for_client (client);

  if (fields == self->fields)
    return;

  if (self->fields != NULL)
    g_signal_handlers_disconnect_by_func (self->fields, on_fields_loaded_cb, self);
  g_set_object (&self->fields, fields);
  if (fields != NULL)
    g_signal_connect_object (fields, "notify::loaded", G_CALLBACK (on_fields_loaded_cb), self,
                             G_CONNECT_SWAPPED);
}

/**
 * agent_customer_view_set_outbox:
 * @self: the view
 * @outbox: (nullable): where changes are queued; %NULL uses the application's
 */
void
agent_customer_view_set_outbox (AgentCustomerView *self,
                                AgentOutbox       *outbox)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_VIEW (self));

  g_set_object (&self->outbox, outbox);
}

/**
 * agent_customer_view_show_customer:
 * @self: the view
 * @customer: a customer as the list has it (with its numbers)
 *
 * Shows @customer at once and loads its sales, calls and notes.
 */
void
agent_customer_view_show_customer (AgentCustomerView *self,
                                   BbhCustomer       *customer)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_VIEW (self));
  g_return_if_fail (BBH_IS_CUSTOMER (customer));

  cancel (&self->cancellable);
  set_customer (self, customer);
  agent_customer_view_update_actions (self);
  show_record (self);
  load_extras (self);
}

/**
 * agent_customer_view_show_phone:
 * @self: the view
 * @phone: a phone number
 *
 * Asks the server for the customer with @phone (getcustomer) and shows it, or an offer to
 * create one; ::loaded follows.
 */
void
agent_customer_view_show_phone (AgentCustomerView *self,
                                const char        *phone)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_VIEW (self));
  g_return_if_fail (phone != NULL);

  g_free (self->phone);
  self->phone = g_strdup (phone);
  g_clear_object (&self->customer);
  agent_customer_view_update_actions (self);
  fetch (self, FALSE);
}

/**
 * agent_customer_view_create:
 * @self: the view
 * @phone: (nullable): the new customer's first number
 *
 * Opens the editor for a new customer; once it is queued the view waits for it (::queued
 * follows, with customer id 0).
 *
 * Returns: (transfer none) (nullable): the editor presented
 */
AgentCustomerEditor *
agent_customer_view_create (AgentCustomerView *self,
                            const char        *phone)
{
  AgentCustomerEditor *editor;

  g_return_val_if_fail (AGENT_IS_CUSTOMER_VIEW (self), NULL);

  if (self->session == NULL)
    return NULL;
  editor = agent_customer_editor_new_for_phone (self->session, phone);
  agent_customer_view_present_editor (self, editor);
  return editor;
}

/**
 * agent_customer_view_reload:
 * @self: the view
 *
 * Asks the server again for the customer shown (or the number asked for), keeping what is
 * on screen until the answer is in.
 */
void
agent_customer_view_reload (AgentCustomerView *self)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_VIEW (self));

  fetch (self, self->customer != NULL);
}

void
agent_customer_view_clear (AgentCustomerView *self)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_VIEW (self));

  cancel (&self->cancellable);
  cancel_extras (self);
  g_clear_object (&self->customer);
  g_clear_pointer (&self->phone, g_free);
  self->pending = FALSE;
  agent_customer_view_update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "none");
}

/**
 * agent_customer_view_get_customer:
 *
 * Returns: (transfer none) (nullable): the customer shown
 */
BbhCustomer *
agent_customer_view_get_customer (AgentCustomerView *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_VIEW (self), NULL);

  return self->customer;
}

/**
 * agent_customer_view_get_phone:
 *
 * Returns: (nullable): the number shown: the customer's first, or the one asked for
 */
const char *
agent_customer_view_get_phone (AgentCustomerView *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_VIEW (self), NULL);

  return self->phone;
}

/**
 * agent_customer_view_get_state:
 *
 * Returns: what is shown: `none`, `loading`, `error`, `unknown` (no customer has the number)
 *   or `customer`
 */
const char *
agent_customer_view_get_state (AgentCustomerView *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * agent_customer_view_set_pending:
 * @self: the view
 * @pending: whether changes to the customer shown wait in the outbox
 */
void
agent_customer_view_set_pending (AgentCustomerView *self,
                                 gboolean           pending)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_VIEW (self));

  self->pending = !!pending;
  gtk_widget_set_visible (self->pending_box, self->pending);
}

/**
 * agent_customer_view_get_sales:
 *
 * Returns: (transfer none) (nullable): the sales shown, a #GListModel of #BbhSale
 */
GListModel *
agent_customer_view_get_sales (AgentCustomerView *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_VIEW (self), NULL);

  return agent_customer_sales_get_sales (self->sales);
}

/**
 * agent_customer_view_get_n_history:
 *
 * Returns: how many calls and notes the timeline shows
 */
guint
agent_customer_view_get_n_history (AgentCustomerView *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_VIEW (self), 0);

  return agent_customer_history_get_n_items (self->history);
}

gboolean
agent_customer_view_get_history_loaded (AgentCustomerView *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_VIEW (self), FALSE);

  return agent_customer_history_get_loaded (self->history);
}
