/* agent-history-cells.c — the call history's cells: formatted times, directions, durations
 * and the row buttons
 *
 * Each column has a GtkSignalListItemFactory that makes one label (the direction: an icon and
 * a label) and sets its text when a row is bound; placeholders (rows whose page has not
 * arrived) show "…" or nothing. The last column holds play, call back and a menu aimed at the
 * row's position.
 *
 * Making and binding a row must stay cheap: GTK 4.8 makes widgets for about 200 rows when the
 * page opens, and again for a page's rows when it arrives, and binds rows on every frame of a
 * scroll. So the cells are plain widgets, not GtkBuilder templates (a builder and expression
 * watches per cell took a third of the opening); the columns have fixed widths, so GTK never
 * measures every cell of a column to size it, and the labels no `width-chars` (each measure
 * asked Pango for the font's metrics); nothing sets a tooltip text while binding (each
 * gtk_widget_set_tooltip_text() asks the X server where the pointer is): tooltips are answered
 * when asked (query-tooltip); and the row menu is built when it is opened
 * (gtk_menu_button_set_create_popup_func()), not for every row bound.
 *
 * And the rows the list shows stay the same objects when their page arrives: the list's items
 * are AgentHistoryRows, one per position, each holding the call once it is there. A page
 * arriving fills the rows the list has and tells their cells (notify::record), instead of
 * replacing the items: GTK 4.8 throws away the widgets of replaced items and makes new ones,
 * which for a page of rows on screen took longer than a frame while scrolling. The same list
 * shows a new answer's rows a few dozen at a time (agent_history_rows_grow(), a frame each):
 * GTK 4.8 makes widgets for up to 200 rows past the first one shown, whether they fit on
 * screen or not, and making all of them before the first frame took most of the time to show
 * the first calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-history-page-private.h"

typedef char *(*CellTextFunc) (BbhCallRecord *record);

/* ---- the rows: one stable object per position ---- */

struct _AgentHistoryRow
{
  GObject          parent_instance;

  BbhCallRecord   *record;   /* NULL while its page is loading */
  AgentHistoryRows *owner;   /* NULL once the row left the list */
  guint            position;
};

G_DEFINE_FINAL_TYPE (AgentHistoryRow, agent_history_row, G_TYPE_OBJECT)

enum { ROW_PROP_0, ROW_PROP_RECORD, ROW_N_PROPS };
static GParamSpec *row_properties[ROW_N_PROPS];

struct _AgentHistoryRows
{
  GObject          parent_instance;

  AgentPagedModel *source;
  GHashTable      *rows;     /* position → AgentHistoryRow (not owned: the list holds them) */
  guint            n_source; /* the source's rows, as far as this list has been told */
  guint            shown;    /* the rows the list has told about; G_MAXUINT: all of them */
};

/* Rows a new answer starts with; agent_history_rows_grow() adds the others. */
#define FIRST_ROWS 24

static void agent_history_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentHistoryRows, agent_history_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      agent_history_rows_list_model_init))

static void
agent_history_row_finalize (GObject *object)
{
  AgentHistoryRow *self = AGENT_HISTORY_ROW (object);

  if (self->owner != NULL &&
      g_hash_table_lookup (self->owner->rows, GUINT_TO_POINTER (self->position)) == self)
    g_hash_table_remove (self->owner->rows, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->record);

  G_OBJECT_CLASS (agent_history_row_parent_class)->finalize (object);
}

static void
agent_history_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case ROW_PROP_RECORD:
      g_value_set_object (value, AGENT_HISTORY_ROW (object)->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_history_row_class_init (AgentHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = agent_history_row_finalize;
  object_class->get_property = agent_history_row_get_property;

  row_properties[ROW_PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, BBH_TYPE_CALL_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
agent_history_row_init (AgentHistoryRow *self)
{
}

/**
 * agent_history_row_get_record:
 * @self: a row of the call list
 *
 * Returns: (transfer none) (nullable): the call, %NULL while its page is loading
 */
BbhCallRecord *
agent_history_row_get_record (AgentHistoryRow *self)
{
  g_return_val_if_fail (AGENT_IS_HISTORY_ROW (self), NULL);

  return self->record;
}

static void
row_set_record (AgentHistoryRow *self,
                BbhCallRecord   *record)
{
  if (g_set_object (&self->record, record))
    g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_RECORD]);
}

static void
forget_rows (AgentHistoryRows *self)
{
  GHashTableIter iter;
  AgentHistoryRow *row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    row->owner = NULL;
  g_hash_table_remove_all (self->rows);
}

static guint
n_shown (AgentHistoryRows *self)
{
  return MIN (self->n_source, self->shown);
}

/**
 * agent_history_rows_grow:
 * @self: the rows
 * @n: how many more rows to show
 *
 * Shows @n more rows of a new answer that starts with only its first ones.
 *
 * Returns: whether there are more to show
 */
gboolean
agent_history_rows_grow (AgentHistoryRows *self,
                         guint             n)
{
  guint old = n_shown (self);

  if (self->shown == G_MAXUINT)
    return FALSE;

  self->shown = self->shown + n >= self->n_source ? G_MAXUINT : self->shown + n;
  if (n_shown (self) > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_shown (self) - old);
  return self->shown != G_MAXUINT;
}

static void
on_source_items_changed_cb (AgentHistoryRows *self,
                            guint             position,
                            guint             removed,
                            guint             added,
                            GListModel       *source)
{
  g_autoptr(GPtrArray) moved = NULL;
  GHashTableIter iter;
  AgentHistoryRow *row;
  guint old_source = self->n_source;

  if (removed == added)
    {
      /* A page arrived (or was fetched again): the same rows, now with their calls. */
      for (guint i = position; i < position + added; i++)
        if ((row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (i))) != NULL)
          row_set_record (row, agent_paged_model_peek_item (self->source, i));
      return;
    }

  self->n_source = old_source - removed + added;

  if (old_source == 0)
    {
      /* A new answer: its first rows now, the others as agent_history_rows_grow() says. */
      self->shown = added > FIRST_ROWS ? FIRST_ROWS : G_MAXUINT;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_shown (self));
      return;
    }

  if (self->shown != G_MAXUINT)
    {
      guint visible = MIN (old_source, self->shown);

      /* Still growing: a change past what the list shows is for later; one before it shows
       * everything first, then passes on. */
      if (position >= visible)
        return;
      self->shown = G_MAXUINT;
      g_list_model_items_changed (G_LIST_MODEL (self), visible, 0, old_source - visible);
    }

  /* Rows come or go: the rows after them move, the removed ones leave the list. */
  moved = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      if (row->position < position)
        continue;
      g_hash_table_iter_remove (&iter);
      if (row->position < position + removed)
        row->owner = NULL;
      else
        {
          row->position = row->position - removed + added;
          g_ptr_array_add (moved, row);
        }
    }
  for (guint i = 0; i < moved->len; i++)
    {
      row = g_ptr_array_index (moved, i);
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (row->position), row);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GType
agent_history_rows_get_item_type (GListModel *model)
{
  return AGENT_TYPE_HISTORY_ROW;
}

static guint
agent_history_rows_get_n_items (GListModel *model)
{
  return n_shown (AGENT_HISTORY_ROWS (model));
}

static gpointer
agent_history_rows_get_item (GListModel *model,
                             guint       position)
{
  AgentHistoryRows *self = AGENT_HISTORY_ROWS (model);
  AgentHistoryRow *row;

  if (position >= n_shown (self))
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  row = g_object_new (AGENT_TYPE_HISTORY_ROW, NULL);
  row->owner = self;
  row->position = position;
  row->record = agent_paged_model_peek_item (self->source, position);
  if (row->record != NULL)
    g_object_ref (row->record);
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
  return row;
}

static void
agent_history_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = agent_history_rows_get_item_type;
  iface->get_n_items = agent_history_rows_get_n_items;
  iface->get_item = agent_history_rows_get_item;
}

static void
agent_history_rows_dispose (GObject *object)
{
  AgentHistoryRows *self = AGENT_HISTORY_ROWS (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  forget_rows (self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (agent_history_rows_parent_class)->dispose (object);
}

static void
agent_history_rows_finalize (GObject *object)
{
  g_hash_table_unref (AGENT_HISTORY_ROWS (object)->rows);

  G_OBJECT_CLASS (agent_history_rows_parent_class)->finalize (object);
}

static void
agent_history_rows_class_init (AgentHistoryRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = agent_history_rows_dispose;
  object_class->finalize = agent_history_rows_finalize;
}

static void
agent_history_rows_init (AgentHistoryRows *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
  self->shown = G_MAXUINT;
}

/**
 * agent_history_rows_new:
 * @source: the calls, paged from the server
 *
 * Returns: (transfer full): a list of AgentHistoryRow over @source, one object per position
 *   for as long as the position is on the list
 */
AgentHistoryRows *
agent_history_rows_new (AgentPagedModel *source)
{
  AgentHistoryRows *self = g_object_new (AGENT_TYPE_HISTORY_ROWS, NULL);

  self->source = g_object_ref (source);
  self->n_source = g_list_model_get_n_items (G_LIST_MODEL (source));
  g_signal_connect_object (source, "items-changed", G_CALLBACK (on_source_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

/* ---- the direction's icon ---- */

/* A 16 px symbolic icon in the text's colour whose size never changes: a GtkImage asks for a
 * new size whenever its icon changes, which GTK 4.8 passes up to the window (see
 * cell_label()); this only redraws. */
#define AGENT_TYPE_HISTORY_ICON (agent_history_icon_get_type ())
G_DECLARE_FINAL_TYPE (AgentHistoryIcon, agent_history_icon, AGENT, HISTORY_ICON, GtkWidget)

#define HISTORY_ICON_SIZE 16

struct _AgentHistoryIcon
{
  GtkWidget         parent_instance;

  const char       *icon_name; /* static; NULL: nothing drawn */
  GtkIconPaintable *paintable; /* looked up when first drawn */
};

G_DEFINE_FINAL_TYPE (AgentHistoryIcon, agent_history_icon, GTK_TYPE_WIDGET)

static void
agent_history_icon_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = *natural = HISTORY_ICON_SIZE;
}

static void
agent_history_icon_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  AgentHistoryIcon *self = AGENT_HISTORY_ICON (widget);
  GdkRGBA color;

  if (self->icon_name == NULL)
    return;
  if (self->paintable == NULL)
    self->paintable = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                                  self->icon_name, NULL, HISTORY_ICON_SIZE,
                                                  gtk_widget_get_scale_factor (widget),
                                                  gtk_widget_get_direction (widget), 0);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT ((gtk_widget_get_width (widget) - HISTORY_ICON_SIZE) / 2,
                                                (gtk_widget_get_height (widget) - HISTORY_ICON_SIZE) / 2));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->paintable), snapshot,
                                            HISTORY_ICON_SIZE, HISTORY_ICON_SIZE, &color, 1);
  gtk_snapshot_restore (snapshot);
}

static void
agent_history_icon_finalize (GObject *object)
{
  g_clear_object (&AGENT_HISTORY_ICON (object)->paintable);

  G_OBJECT_CLASS (agent_history_icon_parent_class)->finalize (object);
}

static void
agent_history_icon_class_init (AgentHistoryIconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = agent_history_icon_finalize;
  widget_class->measure = agent_history_icon_measure;
  widget_class->snapshot = agent_history_icon_snapshot;
  gtk_widget_class_set_css_name (widget_class, "image");
  /* The direction's words are beside it */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
agent_history_icon_init (AgentHistoryIcon *self)
{
}

/* @icon_name: a static string, or %NULL for none */
static void
agent_history_icon_set_icon_name (AgentHistoryIcon *self,
                                  const char       *icon_name)
{
  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;
  self->icon_name = icon_name;
  g_clear_object (&self->paintable);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- cells ---- */

typedef void (*CellUpdateFunc) (GtkListItem *list_item,
                                BbhCallRecord *record);

static void
on_row_record_cb (AgentHistoryRow *row,
                  GParamSpec      *pspec,
                  GtkListItem     *list_item)
{
  CellUpdateFunc update = g_object_get_data (G_OBJECT (list_item), "history-update");

  update (list_item, row->record);
}

/* Shows the row and follows it: its call may arrive while the cell shows it. */
static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  AgentHistoryRow *row = gtk_list_item_get_item (list_item);

  g_signal_connect (row, "notify::record", G_CALLBACK (on_row_record_cb), list_item);
  on_row_record_cb (row, NULL, list_item);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  AgentHistoryRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_record_cb, list_item);
}

static void
watch_rows (GtkListItemFactory *factory)
{
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), NULL);
}

static char *
time_text (BbhCallRecord *record)
{
  GDateTime *start = bbh_call_record_get_start_date_time (record);
  g_autoptr(GDateTime) local = NULL;

  if (start == NULL)
    return g_strdup (bbh_call_record_get_start_time (record));

  local = g_date_time_to_timezone (start, bbh_local_time_zone ());
  return g_date_time_format (local, "%x %R");
}

static char *
direction_text (BbhCallRecord *record)
{
  return g_strdup (bbh_call_direction_to_string (bbh_call_record_get_direction (record)));
}

static const char *
direction_icon (BbhCallRecord *record)
{
  switch (bbh_call_record_get_direction (record))
    {
    case BBH_CALL_DIRECTION_IN:
    case BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED:
      return bbh_call_record_get_talk_time (record) > 0 ? "call-incoming-symbolic"
                                                        : "call-missed-symbolic";
    case BBH_CALL_DIRECTION_OUT:
    case BBH_CALL_DIRECTION_CAMPAIGN_OUT:
      return "call-outgoing-symbolic";
    case BBH_CALL_DIRECTION_VOICEMAIL:
      return "mail-unread-symbolic";
    case BBH_CALL_DIRECTION_UNKNOWN:
    default:
      return "call-start-symbolic";
    }
}

static char *
phone_text (BbhCallRecord *record)
{
  return g_strdup (bbh_call_record_get_phone (record));
}

static char *
customer_text (BbhCallRecord *record)
{
  return g_strdup (bbh_call_record_get_called_name (record));
}

static char *
agent_text (BbhCallRecord *record)
{
  const char *name = bbh_call_record_get_extension_name (record);
  const char *extension = bbh_call_record_get_extension (record);

  if (name != NULL && *name != '\0' && extension != NULL && *extension != '\0')
    /* An agent: "name (extension)" */
    return g_strdup_printf (_("%s (%s)"), name, extension);
  return g_strdup (name != NULL && *name != '\0' ? name : extension);
}

static char *
talk_text (BbhCallRecord *record)
{
  return agent_format_duration ((gint64) bbh_call_record_get_talk_time (record) * 1000);
}

static char *
reason_text (BbhCallRecord *record)
{
  return g_strdup (bbh_call_record_get_hangup_reason_text (record));
}

static char *
ivr_text (BbhCallRecord *record)
{
  return g_strdup (bbh_call_record_get_ivr_key (record));
}

/* A shortened cell's whole text, when the pointer rests on it. */
static gboolean
query_label_tooltip_cb (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip,
                        gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  g_autoptr(PangoLayout) layout = NULL;
  int width = 0;

  if (text == NULL || *text == '\0')
    return FALSE;

  /* Asked only when the pointer rests: a layout of the whole text, as wide as it wants. */
  layout = gtk_widget_create_pango_layout (widget, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (widget))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The height of a line of the cells' text, Chinese and Latin alike; the font is the same
 * for every cell, so it is asked once. */
static int
text_line_height (GtkWidget *label)
{
  static int height = 0;

  if (height == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, "Ag王小明");

      pango_layout_get_pixel_size (layout, NULL, &height);
    }
  return height;
}

/* A cell's text: a GtkInscription, not a GtkLabel. A label asks for a new size whenever its
 * text changes, and GTK 4.8 passes that up to the window, which then measures its whole
 * content again and asks the X server for its monitor's work area (five round trips) on every
 * frame that binds a row or fills one. An inscription's size does not depend on its text (one
 * line; the column's fixed width), so new text only redraws it. */
static GtkWidget *
cell_label (gboolean numeric)
{
  GtkWidget *label = g_object_new (GTK_TYPE_INSCRIPTION,
                                   "xalign", 0.0f,
                                   "min-chars", 0,
                                   "nat-chars", 0,
                                   "min-lines", 1,
                                   "nat-lines", 1,
                                   "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                                   "valign", GTK_ALIGN_CENTER,
                                   "hexpand", TRUE,
                                   "has-tooltip", TRUE,
                                   NULL);

  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_label_tooltip_cb), NULL);
  /* As tall as a line with Chinese in it: an inscription is as tall as the font's own line,
   * and the fallback font of the names is taller, so their lower part was cut off. */
  gtk_widget_set_size_request (label, -1, text_line_height (label));
  return label;
}

static void
update_text_cell (GtkListItem   *list_item,
                  BbhCallRecord *record)
{
  CellTextFunc func = g_object_get_data (G_OBJECT (list_item), "history-text");
  GtkInscription *label = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;

  if (record == NULL)
    {
      /* A row still loading: "…" in the first column, nothing in the others. */
      gtk_inscription_set_text (label, func == time_text ? "…" : "");
      return;
    }

  text = func (record);
  gtk_inscription_set_text (label, text != NULL ? text : "");
}

static void
on_text_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  numeric)
{
  gtk_list_item_set_child (list_item, cell_label (GPOINTER_TO_INT (numeric)));
  g_object_set_data (G_OBJECT (list_item), "history-text",
                     g_object_get_data (G_OBJECT (factory), "text-func"));
  g_object_set_data (G_OBJECT (list_item), "history-update", update_text_cell);
}

static void
update_direction_cell (GtkListItem   *list_item,
                       BbhCallRecord *record)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  g_autofree char *text = NULL;

  if (record == NULL)
    {
      agent_history_icon_set_icon_name (AGENT_HISTORY_ICON (icon), NULL);
      gtk_inscription_set_text (GTK_INSCRIPTION (label), "");
      return;
    }

  text = direction_text (record);
  agent_history_icon_set_icon_name (AGENT_HISTORY_ICON (icon), direction_icon (record));
  gtk_inscription_set_text (GTK_INSCRIPTION (label), text != NULL ? text : "");
}

static void
on_direction_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), g_object_new (AGENT_TYPE_HISTORY_ICON, NULL));
  gtk_box_append (GTK_BOX (box), cell_label (FALSE));
  gtk_list_item_set_child (list_item, box);
  g_object_set_data (G_OBJECT (list_item), "history-update", update_direction_cell);
}

/* Width of @text in the page's font, in pixels. */
static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* A column as wide as the widest of its title and @samples, and @extra pixels (an icon); the
 * columns that take the room left (customer, hang-up reason) leave their title out, it may
 * shorten. */
static void
fix_width (GtkWidget            *widget,
           GtkColumnViewColumn  *column,
           const char * const   *samples,
           int                   extra)
{
  /* The data-table cells' padding; the Time header also has its sort arrow */
  const int padding = 20;
  int width = gtk_column_view_column_get_expand (column)
              ? 0 : text_width (widget, gtk_column_view_column_get_title (column));

  for (guint i = 0; samples[i] != NULL; i++)
    width = MAX (width, text_width (widget, samples[i]) + extra);
  if (gtk_column_view_column_get_sorter (column) != NULL)
    width += 16;
  gtk_column_view_column_set_fixed_width (column, width + padding);
  gtk_column_view_column_set_resizable (column, TRUE);
}

static void
set_text_factory (GtkColumnViewColumn *column,
                  CellTextFunc         func,
                  gboolean             numeric)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "text-func", func);
  g_signal_connect (factory, "setup", G_CALLBACK (on_text_setup_cb), GINT_TO_POINTER (numeric));
  watch_rows (factory);
  gtk_column_view_column_set_factory (column, factory);
}

/* Fixed widths from the font the page has once it is styled: its first map. */
static void
on_column_view_map_cb (GtkWidget        *column_view,
                       AgentHistoryPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%x 23:59");
  g_autofree char *talk = agent_format_duration ((gint64) 10 * 3600 * 1000 - 1000);
  g_autofree char *agent = g_strdup_printf (_("%s (%s)"), "王小明明", "100008800");
  const char *time_samples[] = { time, NULL };
  /* A mobile number, a landline with its area code */
  const char *phone_samples[] = { "000000000000", NULL };
  const char *agent_samples[] = { agent, NULL };
  const char *talk_samples[] = { talk, NULL };
  const char *ivr_samples[] = { "00", NULL };
  const char *names[] = { "王小明明", NULL };
  /* The usual directions; the rarer, longer ones shorten (their tooltip has them whole). */
  const char *directions[] = { bbh_call_direction_to_string (BBH_CALL_DIRECTION_IN),
                               bbh_call_direction_to_string (BBH_CALL_DIRECTION_OUT),
                               bbh_call_direction_to_string (BBH_CALL_DIRECTION_VOICEMAIL),
                               NULL };

  g_signal_handlers_disconnect_by_func (column_view, on_column_view_map_cb, self);

  fix_width (column_view, self->time_column, time_samples, 0);
  fix_width (column_view, self->direction_column, directions, 16 + 6);
  fix_width (column_view, self->number_column, phone_samples, 0);
  fix_width (column_view, self->customer_column, names, 0);
  fix_width (column_view, self->agent_column, agent_samples, 0);
  fix_width (column_view, self->talk_column, talk_samples, 0);
  fix_width (column_view, self->reason_column, names, 0);
  fix_width (column_view, self->ivr_column, ivr_samples, 0);
  /* Play, call back and more: three flat buttons */
  gtk_column_view_column_set_fixed_width (self->actions_column, 3 * 34 + 12);
}

/* The actions cell: play, call back and a menu, aimed at the row's position when used. */

static gboolean
query_button_tooltip_cb (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip,
                         const char *text)
{
  gtk_tooltip_set_text (tooltip, _(text));
  return TRUE;
}

static gboolean
query_play_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, gtk_widget_get_sensitive (widget)
                                 ? _("Play the recording")
                                 : _("This call has no recording"));
  return TRUE;
}

/* The row a button of the actions cell is in, or FALSE for a row still loading. */
static gboolean
cell_row (GtkWidget         *button,
          AgentHistoryPage **out_page,
          guint             *out_position,
          BbhCallRecord    **out_record)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "list-item");
  GtkWidget *page = gtk_widget_get_ancestor (button, AGENT_TYPE_HISTORY_PAGE);
  BbhCallRecord *record;

  if (list_item == NULL || page == NULL)
    return FALSE;
  record = agent_history_row_get_record (gtk_list_item_get_item (list_item));
  if (record == NULL)
    return FALSE;

  *out_page = AGENT_HISTORY_PAGE (page);
  *out_position = gtk_list_item_get_position (list_item);
  if (out_record != NULL)
    *out_record = record;
  return TRUE;
}

static void
on_row_button_clicked_cb (GtkButton  *button,
                          const char *action)
{
  AgentHistoryPage *page;
  guint position;

  if (cell_row (GTK_WIDGET (button), &page, &position, NULL))
    gtk_widget_activate_action (GTK_WIDGET (page), action, "u", position);
}

static GMenuModel *
make_row_menu (AgentHistoryPage *self,
               guint             position,
               BbhCallRecord    *record)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

#define ADD(menu, label, action) \
  G_STMT_START { \
    g_clear_object (&item); \
    item = g_menu_item_new (label, NULL); \
    g_menu_item_set_action_and_target_value (item, action, g_variant_new_uint32 (position)); \
    g_menu_append_item (menu, item); \
  } G_STMT_END

  ADD (menu, _("_Open Customer"), "history.open-customer");
  ADD (menu, _("Add _Memo…"), "history.memo");
  if (bbh_call_record_has_recording (record))
    ADD (menu, _("_Download Recording…"), "history.download");
  if (agent_history_page_is_admin (self))
    {
      g_autoptr(GMenu) section = g_menu_new ();

      ADD (section, _("_Block Number…"), "history.block");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }
#undef ADD

  return G_MENU_MODEL (menu);
}

/**
 * agent_history_page_row_menu:
 * @self: the page
 * @position: a row
 *
 * Returns: (transfer full) (nullable): the menu of the row at @position, as its button opens
 *   it; %NULL while the row is loading
 */
GMenuModel *
agent_history_page_row_menu (AgentHistoryPage *self,
                             guint             position)
{
  BbhCallRecord *record = agent_history_page_record_at (self, position);

  if (record == NULL)
    return NULL;
  return make_row_menu (self, position, record);
}

/* Called each time the row's menu opens: the menu of the row the button shows now. */
static void
create_row_menu_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  AgentHistoryPage *page;
  guint position;
  g_autoptr(GMenuModel) menu = NULL;

  if (cell_row (GTK_WIDGET (button), &page, &position, NULL))
    menu = agent_history_page_row_menu (page, position);

  if (menu != NULL)
    gtk_menu_button_set_menu_model (button, menu);
  else
    gtk_menu_button_set_popover (button, NULL);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *tooltip)
{
  GtkWidget *button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", icon_name,
                                    "has-tooltip", TRUE,
                                    NULL);

  gtk_widget_add_css_class (button, "flat");
  if (tooltip != NULL)
    g_signal_connect (button, "query-tooltip", G_CALLBACK (query_button_tooltip_cb),
                      (gpointer) tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip != NULL ? _(tooltip) : _("Play the recording"), -1);
  return button;
}

static void
update_actions_cell (GtkListItem   *list_item,
                     BbhCallRecord *record)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *play = gtk_widget_get_first_child (box);

  /* Only flags: GTK skips what does not change. A row still loading has its buttons hidden
   * by opacity, out of reach of the pointer and the keyboard (insensitive): hiding the box
   * would ask for a new size, up to the window (see cell_label()). */
  gtk_widget_set_opacity (box, record != NULL ? 1.0 : 0.0);
  gtk_widget_set_can_target (box, record != NULL);
  gtk_widget_set_sensitive (box, record != NULL);
  if (record != NULL)
    gtk_widget_set_sensitive (play, bbh_call_record_has_recording (record));
}

static void
on_actions_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     AgentHistoryPage         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *play = row_button ("media-playback-start-symbolic", NULL);
  GtkWidget *call = row_button ("call-start-symbolic", N_("Call back"));
  GtkWidget *more = g_object_new (GTK_TYPE_MENU_BUTTON,
                                  "icon-name", "view-more-symbolic",
                                  "has-tooltip", TRUE,
                                  NULL);

  g_signal_connect (play, "query-tooltip", G_CALLBACK (query_play_tooltip_cb), NULL);
  g_signal_connect (play, "clicked", G_CALLBACK (on_row_button_clicked_cb), (gpointer) "history.play");
  g_signal_connect (call, "clicked", G_CALLBACK (on_row_button_clicked_cb), (gpointer) "history.call");

  gtk_widget_add_css_class (more, "flat");
  g_signal_connect (more, "query-tooltip", G_CALLBACK (query_button_tooltip_cb), (gpointer) N_("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More"), -1);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (more), create_row_menu_cb, NULL, NULL);

  /* The list item outlives its child: no reference. */
  g_object_set_data (G_OBJECT (play), "list-item", list_item);
  g_object_set_data (G_OBJECT (call), "list-item", list_item);
  g_object_set_data (G_OBJECT (more), "list-item", list_item);

  gtk_box_append (GTK_BOX (box), play);
  gtk_box_append (GTK_BOX (box), call);
  gtk_box_append (GTK_BOX (box), more);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, TRUE);
  g_object_set_data (G_OBJECT (list_item), "history-update", update_actions_cell);
}

/**
 * agent_history_page_setup_columns:
 * @self: the page
 *
 * Gives every column of the call list its cell factory.
 */
void
agent_history_page_setup_columns (AgentHistoryPage *self)
{
  g_autoptr(GtkListItemFactory) direction = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) actions = gtk_signal_list_item_factory_new ();

  set_text_factory (self->time_column, time_text, TRUE);
  g_signal_connect (direction, "setup", G_CALLBACK (on_direction_setup_cb), NULL);
  watch_rows (direction);
  gtk_column_view_column_set_factory (self->direction_column, direction);
  set_text_factory (self->number_column, phone_text, TRUE);
  set_text_factory (self->customer_column, customer_text, FALSE);
  set_text_factory (self->agent_column, agent_text, FALSE);
  set_text_factory (self->talk_column, talk_text, TRUE);
  set_text_factory (self->reason_column, reason_text, FALSE);
  set_text_factory (self->ivr_column, ivr_text, TRUE);

  g_signal_connect_object (actions, "setup", G_CALLBACK (on_actions_setup_cb), self, 0);
  watch_rows (actions);
  gtk_column_view_column_set_factory (self->actions_column, actions);

  g_signal_connect_object (self->column_view, "map", G_CALLBACK (on_column_view_map_cb), self, 0);
}
