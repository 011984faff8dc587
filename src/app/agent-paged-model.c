/* agent-paged-model.c — a GListModel that fetches its items from the server page by page
 *
 * The model claims as many items as the server says it holds (`total`), but only holds the pages
 * someone looked at. Asking for an item of a page that is not there yet answers a placeholder (an
 * empty object of the item type, see agent_paged_model_is_placeholder()) and starts fetching that
 * page — and the next one when the position is in the second half of its page — with one request
 * per page in flight. When a page arrives its placeholders are replaced by items_changed(), so a
 * GtkListView over 100 000 rows only ever fetches the pages it shows.
 *
 * A list widget asks for more items than it shows (GTK 4.8's list views bind a couple of
 * hundred rows around the visible ones). A view that knows what is on screen can turn
 * `auto-fetch` off and call ensure_range() with the visible rows instead, so that only those
 * pages are fetched.
 *
 * reload() keeps the old rows on screen until the first page of the new query arrives, then
 * replaces them: items_changed() removes every old row, then a second one adds the new rows,
 * both before control returns to the main loop (so no frame shows an empty list). One
 * emission that removes and adds everything would do: GTK 4.8's list views
 * (gtk_list_item_manager_model_items_changed_cb) then look at every added row, by identity,
 * for the rows whose widgets they follow (focus, scroll anchor), which asks for every item of
 * the new answer — a placeholder each (or a fetch each, with auto-fetch) for 100 000 rows.
 * Answers to the old query are dropped.
 *
 * `reversed` shows the server's order backwards: row i is the server's row (total − 1 − i).
 * The servers this is for sort one way only (call history, newest first) and take no order
 * parameter; reversed, a reload first asks for the first page (for the total), then for the
 * last, and each page of the model is the matching slice from the server's end, turned over.
 * The mapping holds the total of that reload: rows the server gains meanwhile shift the
 * rows by as many until the next reload, as they do the other way round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-paged-model"

#include "config.h"

#include "agent-paged-model.h"

typedef enum
{
  PAGE_EMPTY,
  PAGE_LOADING,
  PAGE_LOADED,
  PAGE_FAILED,
} PageState;

typedef struct
{
  PageState  state;
  GPtrArray *items;         /* loaded items */
  GPtrArray *placeholders;  /* lazily made, one slot per row of the page */
} Page;

typedef struct
{
  GWeakRef model;
  guint    page;
  guint    generation;
  gboolean probe;           /* reversed reload: the first server page, for the total */
} Request;

struct _AgentPagedModel
{
  GObject               parent_instance;

  GType                 item_type;
  guint                 page_size;

  AgentPagedFetchFunc   fetch;
  AgentPagedFinishFunc  finish;
  gpointer              fetch_data;
  GDestroyNotify        fetch_destroy;

  /* Owned */
  GHashTable           *pages;         /* page index → Page */
  GCancellable         *cancellable;

  guint                 n_items;
  guint64               total;
  guint64               reversed_total; /* the total the reversed mapping uses */
  guint                 generation;
  guint                 in_flight;
  guint                 reloading : 1;
  guint                 loaded : 1;
  guint                 auto_fetch : 1;
  guint                 reversed : 1;
};

static void agent_paged_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentPagedModel, agent_paged_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      agent_paged_model_list_model_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_PAGE_SIZE,
  PROP_N_ITEMS,
  PROP_TOTAL,
  PROP_LOADING,
  PROP_LOADED,
  PROP_AUTO_FETCH,
  PROP_REVERSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ERROR,
  SIGNAL_PAGE_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark
placeholder_quark (void)
{
  return g_quark_from_static_string ("agent-paged-model-placeholder");
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->placeholders, g_ptr_array_unref);
  g_free (page);
}

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->model);
  g_free (request);
}

static Page *
lookup_page (AgentPagedModel *self,
             guint            index,
             gboolean         create)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL && create)
    {
      page = g_new0 (Page, 1);
      page->state = PAGE_EMPTY;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
    }

  return page;
}

static void
set_in_flight (AgentPagedModel *self,
               guint            in_flight)
{
  gboolean was_loading = self->in_flight > 0;

  self->in_flight = in_flight;
  if (was_loading != (in_flight > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static guint
clamp_total (guint64 total)
{
  return (guint) MIN (total, (guint64) G_MAXUINT);
}

static void on_fetch_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data);

static void
start_request (AgentPagedModel *self,
               guint            page_index,
               gboolean         probe)
{
  Request *request;
  guint64 start = (guint64) page_index * self->page_size;
  guint64 limit = self->page_size;

  g_assert (self->fetch != NULL);

  if (self->reversed && !probe)
    {
      /* Model page p is the server's rows [T − (p + 1)·size, T − p·size), turned over. */
      guint64 end = self->reversed_total > start ? self->reversed_total - start : 0;

      start = end > self->page_size ? end - self->page_size : 0;
      limit = MAX (end - start, 1);
    }

  request = g_new0 (Request, 1);
  g_weak_ref_init (&request->model, self);
  request->page = page_index;
  request->generation = self->generation;
  request->probe = probe;

  set_in_flight (self, self->in_flight + 1);
  self->fetch ((guint) MIN (start, G_MAXUINT), (guint) limit, self->cancellable,
               on_fetch_cb, request, self->fetch_data);
}

static void
start_fetch (AgentPagedModel *self,
             guint            page_index)
{
  start_request (self, page_index, FALSE);
}

static void
ensure_page (AgentPagedModel *self,
             guint            page_index)
{
  Page *page;

  if (self->fetch == NULL || self->reloading)
    return;
  if ((guint64) page_index * self->page_size >= self->n_items)
    return;

  page = lookup_page (self, page_index, TRUE);
  if (page->state != PAGE_EMPTY)
    return;

  page->state = PAGE_LOADING;
  start_fetch (self, page_index);
}

static GPtrArray *
items_to_array (AgentPagedModel *self,
                GListModel      *items)
{
  guint n = items ? g_list_model_get_n_items (items) : 0;
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (!g_type_is_a (G_OBJECT_TYPE (item), self->item_type))
        {
          g_critical ("A page of %s holds a %s; ignoring the rest of the page",
                      g_type_name (self->item_type), G_OBJECT_TYPE_NAME (item));
          break;
        }
      g_ptr_array_add (array, g_steal_pointer (&item));
    }

  return array;
}

static void
reverse_array (GPtrArray *array)
{
  for (guint i = 0, j = array->len; i + 1 < j; i++, j--)
    {
      gpointer swap = array->pdata[i];

      array->pdata[i] = array->pdata[j - 1];
      array->pdata[j - 1] = swap;
    }
}

static void
resize (AgentPagedModel *self,
        guint            n_items)
{
  guint old = self->n_items;

  if (n_items == old)
    return;

  self->n_items = n_items;
  if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_total (AgentPagedModel *self,
           guint64          total)
{
  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

static void
finish_reload (AgentPagedModel *self,
               GPtrArray       *items,
               guint64          total)
{
  guint old = self->n_items;
  Page *page;
  gboolean was_loaded = self->loaded;

  g_hash_table_remove_all (self->pages);
  self->reloading = FALSE;
  self->loaded = TRUE;

  /* Two emissions, never one that removes and adds: see the top of the file. */
  if (old != 0)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
    }

  if (items != NULL)
    {
      page = lookup_page (self, 0, TRUE);
      page->state = PAGE_LOADED;
      page->items = g_ptr_array_ref (items);
      /* A server that undercounts must not hide the rows it sent. */
      self->n_items = MAX (clamp_total (total), items->len);
    }
  else
    self->n_items = 0;

  set_total (self, total);

  if (self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  if (old != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
finish_page (AgentPagedModel *self,
             guint            page_index,
             GPtrArray       *items,
             guint64          total)
{
  Page *page = lookup_page (self, page_index, TRUE);
  guint start = page_index * self->page_size;
  guint old = self->n_items;
  guint end;

  page->state = PAGE_LOADED;
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->placeholders, g_ptr_array_unref);
  page->items = g_ptr_array_ref (items);

  end = MIN (start + self->page_size, old);
  if (end > start)
    g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, end - start);

  /* Reversed, the rows are where the reload's total put them. */
  if (self->reversed)
    return;

  set_total (self, total);
  resize (self, MAX (clamp_total (total), start + items->len));
}

static void
on_fetch_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(AgentPagedModel) self = g_weak_ref_get (&request->model);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(GError) error = NULL;
  guint page_index = request->page;
  guint64 total = 0;
  gboolean reload;

  gboolean probe;

  if (self == NULL || request->generation != self->generation)
    {
      request_free (request);
      return;
    }
  probe = request->probe;
  request_free (request);

  reload = self->reloading && page_index == 0;
  set_in_flight (self, self->in_flight - 1);

  items = self->finish (result, &total, &error, self->fetch_data);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Fetching page %u failed: %s", page_index, error->message);
      if (reload)
        finish_reload (self, NULL, 0);
      else
        lookup_page (self, page_index, TRUE)->state = PAGE_FAILED;

      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
      return;
    }

  array = items_to_array (self, items);
  if (probe)
    {
      /* Reversed: the first server page told the total; the model's first rows are the
       * server's last. When that page held everything, it is all there is. */
      if (total > array->len)
        {
          self->reversed_total = total;
          start_fetch (self, 0);
          return;
        }
      total = array->len;
      self->reversed_total = total;
    }
  if (self->reversed)
    reverse_array (array);

  if (reload)
    finish_reload (self, array, self->reversed ? self->reversed_total : total);
  else
    finish_page (self, page_index, array, total);

  g_signal_emit (self, signals[SIGNAL_PAGE_LOADED], 0,
                 page_index * self->page_size, array->len);
}

static GType
agent_paged_model_get_item_type_iface (GListModel *model)
{
  return AGENT_PAGED_MODEL (model)->item_type;
}

static guint
agent_paged_model_get_n_items (GListModel *model)
{
  return AGENT_PAGED_MODEL (model)->n_items;
}

static gpointer
agent_paged_model_get_item (GListModel *model,
                            guint       position)
{
  AgentPagedModel *self = AGENT_PAGED_MODEL (model);
  guint page_index;
  guint offset;
  Page *page;
  GObject *placeholder;

  if (position >= self->n_items)
    return NULL;

  page_index = position / self->page_size;
  offset = position % self->page_size;
  page = lookup_page (self, page_index, FALSE);

  if (page != NULL && page->items != NULL && offset < page->items->len)
    {
      /* Reading near the end of a page: have the next one ready before it is needed. */
      if (self->auto_fetch && offset >= self->page_size / 2)
        ensure_page (self, page_index + 1);
      return g_object_ref (g_ptr_array_index (page->items, offset));
    }

  if (self->auto_fetch)
    {
      ensure_page (self, page_index);
      if (offset >= self->page_size / 2)
        ensure_page (self, page_index + 1);
    }

  page = lookup_page (self, page_index, TRUE);
  if (page->placeholders == NULL)
    {
      page->placeholders = g_ptr_array_new_full (self->page_size, unref_if_set);
      g_ptr_array_set_size (page->placeholders, self->page_size);
    }

  placeholder = g_ptr_array_index (page->placeholders, offset);
  if (placeholder == NULL)
    {
      placeholder = g_object_new (self->item_type, NULL);
      g_object_set_qdata (placeholder, placeholder_quark (), GINT_TO_POINTER (TRUE));
      g_ptr_array_index (page->placeholders, offset) = placeholder;
    }

  return g_object_ref (placeholder);
}

static void
agent_paged_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = agent_paged_model_get_item_type_iface;
  iface->get_n_items = agent_paged_model_get_n_items;
  iface->get_item = agent_paged_model_get_item;
}

static void
agent_paged_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AgentPagedModel *self = AGENT_PAGED_MODEL (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_TOTAL:
      g_value_set_uint64 (value, self->total);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, agent_paged_model_get_loading (self));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_AUTO_FETCH:
      g_value_set_boolean (value, self->auto_fetch);
      break;

    case PROP_REVERSED:
      g_value_set_boolean (value, self->reversed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_paged_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AgentPagedModel *self = AGENT_PAGED_MODEL (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      self->item_type = g_value_get_gtype (value);
      break;

    case PROP_PAGE_SIZE:
      self->page_size = MAX (1, g_value_get_uint (value));
      break;

    case PROP_AUTO_FETCH:
      agent_paged_model_set_auto_fetch (self, g_value_get_boolean (value));
      break;

    case PROP_REVERSED:
      agent_paged_model_set_reversed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_paged_model_dispose (GObject *object)
{
  AgentPagedModel *self = AGENT_PAGED_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->pages);

  if (self->fetch_destroy != NULL)
    g_clear_pointer (&self->fetch_data, self->fetch_destroy);
  self->fetch = NULL;
  self->finish = NULL;
  self->fetch_destroy = NULL;

  G_OBJECT_CLASS (agent_paged_model_parent_class)->dispose (object);
}

static void
agent_paged_model_finalize (GObject *object)
{
  AgentPagedModel *self = AGENT_PAGED_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (agent_paged_model_parent_class)->finalize (object);
}

static void
agent_paged_model_class_init (AgentPagedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_paged_model_get_property;
  object_class->set_property = agent_paged_model_set_property;
  object_class->dispose = agent_paged_model_dispose;
  object_class->finalize = agent_paged_model_finalize;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, G_MAXUINT / 2, 50,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint64 ("total", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AUTO_FETCH] =
    g_param_spec_boolean ("auto-fetch", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVERSED] =
    g_param_spec_boolean ("reversed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentPagedModel::error:
   * @error: what went wrong
   *
   * A page could not be fetched. A failed first page of a reload leaves the model empty;
   * a failed later page keeps its placeholders until the next reload.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * AgentPagedModel::page-loaded:
   * @start: the first position of the page
   * @n_items: how many items it brought
   *
   * A page arrived and its items replaced the placeholders (@start is 0 after a reload).
   */
  signals[SIGNAL_PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
agent_paged_model_init (AgentPagedModel *self)
{
  self->item_type = G_TYPE_OBJECT;
  self->page_size = 50;
  self->auto_fetch = TRUE;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * agent_paged_model_new:
 * @item_type: the type of the items, a #GObject type that g_object_new() can make with no
 *   properties (placeholders are such empty objects)
 * @page_size: rows per request
 *
 * Returns: (transfer full): an empty model; give it a fetch function and reload() it
 */
AgentPagedModel *
agent_paged_model_new (GType item_type,
                       guint page_size)
{
  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (page_size > 0, NULL);

  return g_object_new (AGENT_TYPE_PAGED_MODEL,
                       "item-type", item_type,
                       "page-size", page_size,
                       NULL);
}

/**
 * agent_paged_model_set_fetch_func:
 * @self: a #AgentPagedModel
 * @fetch: (scope notified): starts fetching a page
 * @finish: (scope notified): finishes it
 * @user_data: data for both
 * @destroy: frees @user_data when replaced or when the model is disposed
 *
 * Sets how pages are fetched. The model keeps its rows; call reload() to use the new function.
 */
void
agent_paged_model_set_fetch_func (AgentPagedModel      *self,
                                  AgentPagedFetchFunc   fetch,
                                  AgentPagedFinishFunc  finish,
                                  gpointer              user_data,
                                  GDestroyNotify        destroy)
{
  g_return_if_fail (AGENT_IS_PAGED_MODEL (self));
  g_return_if_fail ((fetch == NULL) == (finish == NULL));

  if (self->fetch_destroy != NULL)
    self->fetch_destroy (self->fetch_data);

  self->fetch = fetch;
  self->finish = finish;
  self->fetch_data = user_data;
  self->fetch_destroy = destroy;
}

static void
drop_requests (AgentPagedModel *self)
{
  GHashTableIter iter;
  Page *page;

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_in_flight (self, 0);

  /* Pages that were on their way will not arrive: let them be asked for again. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    if (page->state == PAGE_LOADING)
      page->state = PAGE_EMPTY;
}

/**
 * agent_paged_model_reload:
 * @self: a #AgentPagedModel
 *
 * Fetches the first page again (the query changed, or the user asked). The current rows stay
 * until it arrives; then they are all replaced and `total` and `n-items` follow the answer.
 */
void
agent_paged_model_reload (AgentPagedModel *self)
{
  g_return_if_fail (AGENT_IS_PAGED_MODEL (self));
  g_return_if_fail (self->fetch != NULL);

  drop_requests (self);
  self->reloading = TRUE;
  start_request (self, 0, self->reversed);
}

/**
 * agent_paged_model_clear:
 * @self: a #AgentPagedModel
 *
 * Cancels what is in flight and empties the model (e.g. at logout).
 */
void
agent_paged_model_clear (AgentPagedModel *self)
{
  guint old;

  g_return_if_fail (AGENT_IS_PAGED_MODEL (self));

  drop_requests (self);
  self->reloading = FALSE;
  g_hash_table_remove_all (self->pages);

  old = self->n_items;
  self->n_items = 0;
  set_total (self, 0);
  if (self->loaded)
    {
      self->loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (old > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

GType
agent_paged_model_get_item_type (AgentPagedModel *self)
{
  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), G_TYPE_INVALID);

  return self->item_type;
}

guint
agent_paged_model_get_page_size (AgentPagedModel *self)
{
  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), 0);

  return self->page_size;
}

/**
 * agent_paged_model_get_total:
 * @self: a #AgentPagedModel
 *
 * Returns: the number of rows the server said it holds for the current query
 */
guint64
agent_paged_model_get_total (AgentPagedModel *self)
{
  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), 0);

  return self->total;
}

/**
 * agent_paged_model_get_loading:
 * @self: a #AgentPagedModel
 *
 * Returns: whether a request is in flight
 */
gboolean
agent_paged_model_get_loading (AgentPagedModel *self)
{
  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), FALSE);

  return self->in_flight > 0;
}

/**
 * agent_paged_model_get_loaded:
 * @self: a #AgentPagedModel
 *
 * Returns: whether the first page of the current query arrived (FALSE after clear())
 */
gboolean
agent_paged_model_get_loaded (AgentPagedModel *self)
{
  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), FALSE);

  return self->loaded;
}

/**
 * agent_paged_model_get_n_loaded:
 * @self: a #AgentPagedModel
 *
 * Returns: how many real (not placeholder) items the model holds
 */
guint
agent_paged_model_get_n_loaded (AgentPagedModel *self)
{
  GHashTableIter iter;
  Page *page;
  guint n = 0;

  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    if (page->items != NULL)
      n += page->items->len;

  return n;
}

/**
 * agent_paged_model_is_loaded:
 * @self: a #AgentPagedModel
 * @position: a position
 *
 * Returns: whether the item at @position is a real one; never starts a fetch
 */
gboolean
agent_paged_model_is_loaded (AgentPagedModel *self,
                             guint            position)
{
  return agent_paged_model_peek_item (self, position) != NULL;
}

/**
 * agent_paged_model_peek_item:
 * @self: a #AgentPagedModel
 * @position: a position
 *
 * Returns: (transfer none) (nullable): the loaded item at @position, or %NULL when its page
 *   is not there; never starts a fetch
 */
gpointer
agent_paged_model_peek_item (AgentPagedModel *self,
                             guint            position)
{
  Page *page;
  guint offset;

  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), NULL);

  if (position >= self->n_items)
    return NULL;

  page = lookup_page (self, position / self->page_size, FALSE);
  offset = position % self->page_size;
  if (page == NULL || page->items == NULL || offset >= page->items->len)
    return NULL;

  return g_ptr_array_index (page->items, offset);
}

/**
 * agent_paged_model_is_placeholder:
 * @item: (nullable): an item of a #AgentPagedModel
 *
 * Returns: whether @item stands for a row whose page has not arrived yet
 */
gboolean
agent_paged_model_is_placeholder (gpointer item)
{
  if (item == NULL)
    return TRUE;

  g_return_val_if_fail (G_IS_OBJECT (item), FALSE);

  return g_object_get_qdata (item, placeholder_quark ()) != NULL;
}

/**
 * agent_paged_model_get_auto_fetch:
 * @self: a #AgentPagedModel
 *
 * Returns: whether asking for an item of a missing page fetches that page
 */
gboolean
agent_paged_model_get_auto_fetch (AgentPagedModel *self)
{
  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), FALSE);

  return self->auto_fetch;
}

/**
 * agent_paged_model_set_auto_fetch:
 * @self: a #AgentPagedModel
 * @auto_fetch: whether get_item() fetches missing pages (the default)
 *
 * Turn it off when the view calls agent_paged_model_ensure_range() with what it shows.
 */
void
agent_paged_model_set_auto_fetch (AgentPagedModel *self,
                                  gboolean         auto_fetch)
{
  g_return_if_fail (AGENT_IS_PAGED_MODEL (self));

  auto_fetch = !!auto_fetch;
  if (self->auto_fetch == auto_fetch)
    return;

  self->auto_fetch = auto_fetch;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_FETCH]);
}

/**
 * agent_paged_model_ensure_range:
 * @self: a #AgentPagedModel
 * @first: the first position shown
 * @last: the last position shown (inclusive)
 *
 * Fetches the pages that hold @first to @last that are not there yet, and the next page when
 * @last is in the second half of its page. Does nothing during a reload.
 */
void
agent_paged_model_ensure_range (AgentPagedModel *self,
                                guint            first,
                                guint            last)
{
  g_return_if_fail (AGENT_IS_PAGED_MODEL (self));

  if (self->n_items == 0)
    return;

  last = MIN (last, self->n_items - 1);
  if (first > last)
    return;

  for (guint page = first / self->page_size; page <= last / self->page_size; page++)
    ensure_page (self, page);
  if (last % self->page_size >= self->page_size / 2)
    ensure_page (self, last / self->page_size + 1);
}

/**
 * agent_paged_model_get_reversed:
 * @self: a #AgentPagedModel
 *
 * Returns: whether the rows are in the server's order backwards
 */
gboolean
agent_paged_model_get_reversed (AgentPagedModel *self)
{
  g_return_val_if_fail (AGENT_IS_PAGED_MODEL (self), FALSE);

  return self->reversed;
}

/**
 * agent_paged_model_set_reversed:
 * @self: a #AgentPagedModel
 * @reversed: whether row i is the server's row (total − 1 − i)
 *
 * Turns the server's order around, e.g. oldest first where the server sorts newest first.
 * A model that has rows, or is fetching them, reloads.
 */
void
agent_paged_model_set_reversed (AgentPagedModel *self,
                                gboolean         reversed)
{
  g_return_if_fail (AGENT_IS_PAGED_MODEL (self));

  reversed = !!reversed;
  if (self->reversed == reversed)
    return;

  self->reversed = reversed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVERSED]);

  if (self->fetch != NULL && (self->loaded || self->reloading))
    agent_paged_model_reload (self);
}
