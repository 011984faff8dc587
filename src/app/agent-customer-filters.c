/* agent-customer-filters.c — what narrows the customer list: status, type, lock, dates
 *
 * The status and type choices are the company's (getCodes), named the company's way
 * (getTableFields). A date range bounds the last call, the birthday or the creation date; a
 * date that is not one is marked and left out rather than sent. Any change emits ::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-filters"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-customer-filters.h"

struct _AgentCustomerFilters
{
  GtkPopover parent_instance;

  /* Template widgets */
  GtkLabel      *status_label;
  GtkDropDown   *status_dropdown;
  GtkStringList *status_list;
  GtkLabel      *type_label;
  GtkDropDown   *type_dropdown;
  GtkStringList *type_list;
  GtkDropDown   *locked_dropdown;
  GtkDropDown   *date_dropdown;
  GtkWidget     *from_box;
  GtkMenuButton *from_button;
  GtkCalendar   *from_calendar;
  GtkWidget     *to_box;
  GtkMenuButton *to_button;
  GtkCalendar   *to_calendar;
  GtkLabel      *range_label;

  /* Owned */
  AgentCustomerFields *fields;
  GDateTime     *from_day;        /* local midnight; NULL = open */
  GDateTime     *to_day;
  GtkCalendar   *pressed;         /* a day of this calendar was just pressed */
  GDateTime     *pressed_date;    /* what it showed as chosen then */
  guint          pressed_id;
  GPtrArray     *status_values;   /* char *, parallel to status_list; NULL = any */
  GPtrArray     *type_values;

  guint          quiet : 1;       /* changes made here, not by the agent */
};

G_DEFINE_FINAL_TYPE (AgentCustomerFilters, agent_customer_filters, GTK_TYPE_POPOVER)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDateTime *
day_of (GDateTime *date)
{
  return g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                g_date_time_get_day_of_month (date), 0, 0, 0);
}

/* The chosen days are in order (or one is open). */
static gboolean
range_valid (AgentCustomerFilters *self)
{
  return self->from_day == NULL || self->to_day == NULL ||
         g_date_time_compare (self->from_day, self->to_day) <= 0;
}

/* The day as the server reads it, at @time_of_day; NULL when open. */
static char *
format_day (GDateTime  *day,
            const char *time_of_day)
{
  g_autofree char *date = NULL;

  if (day == NULL)
    return NULL;
  date = g_date_time_format (day, "%Y-%m-%d");
  return g_strconcat (date, " ", time_of_day, NULL);
}

/* A birthday comes back every year: its days are shown without one. */
static void
show_day (GtkMenuButton *button,
          GDateTime     *day,
          gboolean       yearly)
{
  g_autofree char *text = NULL;

  if (day != NULL)
    /* Translators: a day of the year without the year, for birthdays: a g_date_time_format()
     * format, e.g. "%-m月%-d日" */
    text = g_date_time_format (day, yearly ? _("%B %-d") : "%x");
  gtk_menu_button_set_label (button, text != NULL ? text : _("Any day"));
}

static void
update_dates (AgentCustomerFilters *self)
{
  gboolean dated = gtk_drop_down_get_selected (self->date_dropdown) != BBH_CUSTOMER_DATE_NONE;
  gboolean valid = range_valid (self);
  gboolean yearly = gtk_drop_down_get_selected (self->date_dropdown) == BBH_CUSTOMER_DATE_BIRTHDAY;

  show_day (self->from_button, self->from_day, yearly);
  show_day (self->to_button, self->to_day, yearly);
  gtk_widget_set_sensitive (self->from_box, dated);
  gtk_widget_set_sensitive (self->to_box, dated);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "filters.clear-from", self->from_day != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "filters.clear-to", self->to_day != NULL);

  if (dated && !valid)
    {
      gtk_label_set_label (self->range_label,
                           _("The first day is after the last day. Choose days in order to "
                             "filter by date."));
      gtk_widget_add_css_class (GTK_WIDGET (self->from_button), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->to_button), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->from_button), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->to_button), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->range_label), dated && !valid);
}

static const char *
selected_value (GtkDropDown *dropdown,
                GPtrArray   *values)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < values->len ? g_ptr_array_index (values, selected) : NULL;
}

static void
fill_dropdown (AgentCustomerFilters *self,
               GtkDropDown          *dropdown,
               GtkStringList        *list,
               GPtrArray            *values,
               const char           *code_type,
               const char           *any)
{
  g_autofree char *keep = g_strdup (selected_value (dropdown, values));
  GListModel *codes = self->fields != NULL
                      ? agent_customer_fields_get_codes (self->fields, code_type) : NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint selected = 0;

  g_ptr_array_set_size (values, 0);
  g_ptr_array_add (values, NULL);
  g_ptr_array_add (texts, (gpointer) any);

  for (guint i = 0; codes != NULL && i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(BbhCode) code = g_list_model_get_item (codes, i);
      const char *value = bbh_code_get_value (code);
      const char *text = bbh_code_get_text (code);

      if (value == NULL || *value == '\0')
        continue;
      if (g_strcmp0 (value, keep) == 0)
        selected = values->len;
      g_ptr_array_add (values, g_strdup (value));
      g_ptr_array_add (texts, (gpointer) (text != NULL && *text != '\0' ? text : value));
    }
  g_ptr_array_add (texts, NULL);

  self->quiet = TRUE;
  gtk_string_list_splice (list, 0, n_old, (const char * const *) texts->pdata);
  gtk_drop_down_set_selected (dropdown, selected);
  self->quiet = FALSE;
}

static void
on_fields_loaded_cb (AgentCustomerFilters *self)
{
  g_autofree char *status = NULL;
  g_autofree char *type = NULL;

  if (self->fields != NULL)
    {
      status = agent_customer_fields_dup_label (self->fields, "custStatus");
      type = agent_customer_fields_dup_label (self->fields, "custType");
    }
  else
    {
      status = g_strdup (_("Status"));
      type = g_strdup (_("Customer type"));
    }
  gtk_label_set_label (self->status_label, status);
  gtk_label_set_label (self->type_label, type);

  fill_dropdown (self, self->status_dropdown, self->status_list, self->status_values,
                 AGENT_CODES_STATUS, _("Any status"));
  fill_dropdown (self, self->type_dropdown, self->type_list, self->type_values,
                 AGENT_CODES_TYPE, _("Any type"));
}

static void
on_changed_cb (AgentCustomerFilters *self)
{
  update_dates (self);

  if (!self->quiet)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_day (AgentCustomerFilters  *self,
         GDateTime            **slot,
         GDateTime             *day)
{
  if (*slot == day || (*slot != NULL && day != NULL && g_date_time_equal (*slot, day)))
    {
      update_dates (self);
      return;
    }

  g_clear_pointer (slot, g_date_time_unref);
  *slot = day != NULL ? g_date_time_ref (day) : NULL;
  on_changed_cb (self);
}

static void
on_day_selected_cb (AgentCustomerFilters *self,
                    GtkCalendar          *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) day = day_of (date);

  gtk_menu_button_popdown (calendar == self->from_calendar ? self->from_button : self->to_button);
  set_day (self, calendar == self->from_calendar ? &self->from_day : &self->to_day, day);
}

/* GTK 4.8's calendar says nothing when the day clicked is the one it already shows as chosen
 * — and an open end's calendar opens on today. A press on a day of the month shown that left
 * the date as it was chooses that day all the same. */
static gboolean
on_pressed_idle_cb (gpointer user_data)
{
  AgentCustomerFilters *self = user_data;
  g_autoptr(GDateTime) date = NULL;

  self->pressed_id = 0;
  date = gtk_calendar_get_date (self->pressed);
  if (g_date_time_equal (date, self->pressed_date))
    on_day_selected_cb (self, self->pressed);
  self->pressed = NULL;
  g_clear_pointer (&self->pressed_date, g_date_time_unref);
  return G_SOURCE_REMOVE;
}

static void
on_calendar_pressed_cb (GtkGestureClick      *gesture,
                        int                   n_press,
                        double                x,
                        double                y,
                        AgentCustomerFilters *self)
{
  GtkWidget *calendar = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (calendar, x, y, GTK_PICK_DEFAULT);

  if (picked == NULL || !gtk_widget_has_css_class (picked, "day-number") ||
      gtk_widget_has_css_class (picked, "other-month") || self->pressed_id != 0)
    return;

  /* Looked at once the calendar has handled the press. */
  self->pressed = GTK_CALENDAR (calendar);
  self->pressed_date = gtk_calendar_get_date (self->pressed);
  self->pressed_id = g_idle_add (on_pressed_idle_cb, self);
}

static void
watch_presses (AgentCustomerFilters *self,
               GtkCalendar          *calendar)
{
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_calendar_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (calendar), GTK_EVENT_CONTROLLER (gesture));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  agent_customer_filters_clear (AGENT_CUSTOMER_FILTERS (widget));
}

static void
clear_day_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AgentCustomerFilters *self = AGENT_CUSTOMER_FILTERS (widget);

  set_day (self, g_str_equal (action_name, "filters.clear-from") ? &self->from_day : &self->to_day,
           NULL);
}

static void
agent_customer_filters_dispose (GObject *object)
{
  AgentCustomerFilters *self = AGENT_CUSTOMER_FILTERS (object);

  if (self->fields != NULL)
    g_signal_handlers_disconnect_by_data (self->fields, self);
  g_clear_object (&self->fields);
  g_clear_handle_id (&self->pressed_id, g_source_remove);
  g_clear_pointer (&self->pressed_date, g_date_time_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CUSTOMER_FILTERS);

  G_OBJECT_CLASS (agent_customer_filters_parent_class)->dispose (object);
}

static void
agent_customer_filters_finalize (GObject *object)
{
  AgentCustomerFilters *self = AGENT_CUSTOMER_FILTERS (object);

  g_clear_pointer (&self->status_values, g_ptr_array_unref);
  g_clear_pointer (&self->type_values, g_ptr_array_unref);
  g_clear_pointer (&self->from_day, g_date_time_unref);
  g_clear_pointer (&self->to_day, g_date_time_unref);

  G_OBJECT_CLASS (agent_customer_filters_parent_class)->finalize (object);
}

static void
agent_customer_filters_class_init (AgentCustomerFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_customer_filters_dispose;
  object_class->finalize = agent_customer_filters_finalize;

  /**
   * AgentCustomerFilters::changed:
   * @self: the filters
   *
   * The agent changed a filter: the list should be asked for again.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-customer-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, status_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, status_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, type_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, type_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, locked_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, from_box);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, from_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, to_box);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, to_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerFilters, range_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "filters.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "filters.clear-from", NULL, clear_day_action);
  gtk_widget_class_install_action (widget_class, "filters.clear-to", NULL, clear_day_action);
}

static void
agent_customer_filters_init (AgentCustomerFilters *self)
{
  self->status_values = g_ptr_array_new_with_free_func (g_free);
  self->type_values = g_ptr_array_new_with_free_func (g_free);

  self->quiet = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  watch_presses (self, self->from_calendar);
  watch_presses (self, self->to_calendar);
  on_fields_loaded_cb (self);
  on_changed_cb (self);
  self->quiet = FALSE;
}

GtkWidget *
agent_customer_filters_new (void)
{
  return g_object_new (AGENT_TYPE_CUSTOMER_FILTERS, NULL);
}

/**
 * agent_customer_filters_set_fields:
 * @self: the filters
 * @fields: (nullable): the company's labels and choices; followed as they arrive
 */
void
agent_customer_filters_set_fields (AgentCustomerFilters *self,
                                   AgentCustomerFields  *fields)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_FILTERS (self));

  if (self->fields == fields)
    return;

  if (self->fields != NULL)
    g_signal_handlers_disconnect_by_data (self->fields, self);
  g_set_object (&self->fields, fields);
  if (fields != NULL)
    g_signal_connect_object (fields, "notify::loaded", G_CALLBACK (on_fields_loaded_cb), self,
                             G_CONNECT_SWAPPED);
  on_fields_loaded_cb (self);
}

/**
 * agent_customer_filters_apply:
 * @self: the filters
 * @query: the query to narrow
 *
 * Sets @query's status, type, lock and date range from what the agent chose.
 *
 * Returns: whether any filter is set
 */
gboolean
agent_customer_filters_apply (AgentCustomerFilters *self,
                              BbhCustomerQuery     *query)
{
  guint locked = gtk_drop_down_get_selected (self->locked_dropdown);
  BbhCustomerDate date = (BbhCustomerDate) gtk_drop_down_get_selected (self->date_dropdown);
  const char *status = selected_value (self->status_dropdown, self->status_values);
  const char *type = selected_value (self->type_dropdown, self->type_values);
  g_autofree char *from = format_day (self->from_day, "00:00:00");
  g_autofree char *to = format_day (self->to_day, "23:59:59");

  g_return_val_if_fail (AGENT_IS_CUSTOMER_FILTERS (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  bbh_customer_query_set_status (query, status);
  bbh_customer_query_set_customer_type (query, type);
  bbh_customer_query_set_locked (query, locked == 1 ? 1 : locked == 2 ? 0 : -1);

  if (date > BBH_CUSTOMER_DATE_CREATED)
    date = BBH_CUSTOMER_DATE_NONE;
  /* Days out of order narrow nothing until the agent fixes them (the filters say so). */
  if (date != BBH_CUSTOMER_DATE_NONE && range_valid (self))
    bbh_customer_query_set_date_range (query, date, from, to);
  else
    bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_NONE, NULL, NULL);

  return status != NULL || type != NULL || locked == 1 || locked == 2 ||
         date != BBH_CUSTOMER_DATE_NONE;
}

/**
 * agent_customer_filters_clear:
 * @self: the filters
 *
 * Sets every filter back to "any"; ::changed follows once.
 */
void
agent_customer_filters_clear (AgentCustomerFilters *self)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_FILTERS (self));

  self->quiet = TRUE;
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  gtk_drop_down_set_selected (self->locked_dropdown, 0);
  gtk_drop_down_set_selected (self->date_dropdown, 0);
  g_clear_pointer (&self->from_day, g_date_time_unref);
  g_clear_pointer (&self->to_day, g_date_time_unref);
  self->quiet = FALSE;

  on_changed_cb (self);
}
