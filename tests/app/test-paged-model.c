/* test-paged-model.c — AgentPagedModel with a fake server whose answers the test releases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "agent-paged-model.h"

/* A row of the fake server: its position in the whole table. */
#define TEST_TYPE_ROW (test_row_get_type ())
G_DECLARE_FINAL_TYPE (TestRow, test_row, TEST, ROW, GObject)

struct _TestRow
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (TestRow, test_row, G_TYPE_OBJECT)

static void
test_row_class_init (TestRowClass *klass)
{
}

static void
test_row_init (TestRow *self)
{
  self->index = G_MAXUINT;
}

typedef struct
{
  guint         start;
  guint         limit;
  GTask        *task;
} Pending;

typedef struct
{
  AgentPagedModel *model;
  GPtrArray       *pending;   /* Pending*, in the order requested */
  GArray          *requested; /* guint start, every request ever made */
  guint64          total;     /* what the fake server holds */
  guint            offset;    /* added to the rows' indexes: tells one query from the next */
  guint            errors;
  GError          *last_error;
  guint            changes;
  guint            last_position;
  guint            last_removed;
  guint            last_added;
  guint            first_position; /* the first change since `changes` was 0 */
  guint            first_removed;
  guint            first_added;
  guint            n_items_at_first;
} Fixture;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_clear_object (&pending->task);
  g_free (pending);
}

static void
fake_fetch (guint                start,
            guint                limit,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             callback_data,
            gpointer             user_data)
{
  Fixture *fixture = user_data;
  Pending *pending = g_new0 (Pending, 1);

  pending->start = start;
  pending->limit = limit;
  pending->task = g_task_new (NULL, cancellable, callback, callback_data);
  g_task_set_return_on_cancel (pending->task, FALSE);
  g_ptr_array_add (fixture->pending, pending);
  g_array_append_val (fixture->requested, start);
}

typedef struct
{
  GListStore *items;
  guint64     total;
} FakePage;

static void
fake_page_free (gpointer data)
{
  FakePage *page = data;

  g_object_unref (page->items);
  g_free (page);
}

static GListModel *
fake_finish (GAsyncResult  *result,
             guint64       *out_total,
             GError       **error,
             gpointer       user_data)
{
  FakePage *page = g_task_propagate_pointer (G_TASK (result), error);
  GListModel *items;

  if (page == NULL)
    return NULL;

  *out_total = page->total;
  items = G_LIST_MODEL (g_object_ref (page->items));
  fake_page_free (page);
  return items;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Answers the oldest request whose page starts at @start, like the server would. */
static void
answer (Fixture *fixture,
        guint    start)
{
  for (guint i = 0; i < fixture->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (fixture->pending, i);

      if (pending->start == start)
        {
          FakePage *page = g_new0 (FakePage, 1);

          page->items = g_list_store_new (TEST_TYPE_ROW);
          page->total = fixture->total;
          for (guint64 j = start; j < MIN (fixture->total, (guint64) start + pending->limit); j++)
            {
              g_autoptr(TestRow) row = g_object_new (TEST_TYPE_ROW, NULL);

              row->index = (guint) j + fixture->offset;
              g_list_store_append (page->items, row);
            }
          if (!g_cancellable_is_cancelled (g_task_get_cancellable (pending->task)))
            g_task_return_pointer (pending->task, page, fake_page_free);
          else
            {
              fake_page_free (page);
              g_task_return_new_error (pending->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       "Cancelled");
            }
          g_ptr_array_remove_index (fixture->pending, i);
          iterate ();
          return;
        }
    }

  g_error ("No request for the page at %u is pending", start);
}

static void
fail (Fixture    *fixture,
      guint       start,
      const char *message)
{
  for (guint i = 0; i < fixture->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (fixture->pending, i);

      if (pending->start == start)
        {
          g_task_return_new_error (pending->task, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                   "%s", message);
          g_ptr_array_remove_index (fixture->pending, i);
          iterate ();
          return;
        }
    }

  g_error ("No request for the page at %u is pending", start);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *fixture)
{
  if (fixture->changes++ == 0)
    {
      fixture->first_position = position;
      fixture->first_removed = removed;
      fixture->first_added = added;
      fixture->n_items_at_first = g_list_model_get_n_items (model);
    }
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;
}

static void
on_error_cb (AgentPagedModel *model,
             const GError    *error,
             Fixture         *fixture)
{
  fixture->errors++;
  g_clear_error (&fixture->last_error);
  fixture->last_error = g_error_copy (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->pending = g_ptr_array_new_with_free_func (pending_free);
  fixture->requested = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->total = 1000;
  fixture->model = agent_paged_model_new (TEST_TYPE_ROW, 50);
  agent_paged_model_set_fetch_func (fixture->model, fake_fetch, fake_finish, fixture, NULL);
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
  g_signal_connect (fixture->model, "error", G_CALLBACK (on_error_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->model);
  /* Answers after the model is gone are dropped without a crash. */
  while (fixture->pending->len > 0)
    answer (fixture, ((Pending *) g_ptr_array_index (fixture->pending, 0))->start);
  g_ptr_array_unref (fixture->pending);
  g_array_unref (fixture->requested);
  g_clear_error (&fixture->last_error);
}

static guint
row_index (Fixture *fixture,
           guint    position)
{
  g_autoptr(TestRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), position);

  g_assert_nonnull (row);
  return agent_paged_model_is_placeholder (row) ? G_MAXUINT : row->index;
}

static guint
requested (Fixture *fixture,
           guint    i)
{
  g_assert_cmpuint (i, <, fixture->requested->len);
  return g_array_index (fixture->requested, guint, i);
}

static void
test_on_demand (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (fixture->model);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_false (agent_paged_model_get_loading (fixture->model));

  agent_paged_model_reload (fixture->model);
  g_assert_true (agent_paged_model_get_loading (fixture->model));
  g_assert_cmpuint (fixture->requested->len, ==, 1);
  g_assert_cmpuint (requested (fixture, 0), ==, 0);

  answer (fixture, 0);
  g_assert_false (agent_paged_model_get_loading (fixture->model));
  g_assert_true (agent_paged_model_get_loaded (fixture->model));
  g_assert_cmpuint (agent_paged_model_get_total (fixture->model), ==, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 1000);
  g_assert_cmpuint (agent_paged_model_get_n_loaded (fixture->model), ==, 50);

  /* The first rows are there; reading them fetches nothing. */
  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (row_index (fixture, i), ==, i);
  g_assert_cmpuint (fixture->requested->len, ==, 1);

  /* Reading into the second half of a page fetches the next one ahead, once. */
  g_assert_cmpuint (row_index (fixture, 30), ==, 30);
  g_assert_cmpuint (row_index (fixture, 31), ==, 31);
  g_assert_cmpuint (fixture->requested->len, ==, 2);
  g_assert_cmpuint (requested (fixture, 1), ==, 50);

  /* Jumping far: a placeholder now, one request for that page, the rows when it arrives. */
  g_assert_cmpuint (row_index (fixture, 510), ==, G_MAXUINT);
  g_assert_cmpuint (row_index (fixture, 511), ==, G_MAXUINT);
  g_assert_true (agent_paged_model_is_placeholder (agent_paged_model_peek_item (fixture->model, 510)));
  g_assert_false (agent_paged_model_is_loaded (fixture->model, 510));
  g_assert_cmpuint (fixture->requested->len, ==, 3);
  g_assert_cmpuint (requested (fixture, 2), ==, 500);
  g_assert_true (agent_paged_model_get_loading (fixture->model));

  fixture->changes = 0;
  answer (fixture, 500);
  g_assert_cmpuint (fixture->changes, ==, 1);
  g_assert_cmpuint (fixture->last_position, ==, 500);
  g_assert_cmpuint (fixture->last_removed, ==, 50);
  g_assert_cmpuint (fixture->last_added, ==, 50);
  g_assert_cmpuint (row_index (fixture, 510), ==, 510);
  g_assert_true (agent_paged_model_is_loaded (fixture->model, 510));
  /* Page 50 is still in flight. */
  g_assert_true (agent_paged_model_get_loading (fixture->model));
  answer (fixture, 50);
  g_assert_false (agent_paged_model_get_loading (fixture->model));
  g_assert_cmpuint (row_index (fixture, 60), ==, 60);
  g_assert_cmpuint (agent_paged_model_get_n_loaded (fixture->model), ==, 150);

  /* The last page is short; nothing past the end is fetched. */
  g_assert_cmpuint (row_index (fixture, 999), ==, G_MAXUINT);
  g_assert_cmpuint (requested (fixture, fixture->requested->len - 1), ==, 950);
  answer (fixture, 950);
  g_assert_cmpuint (row_index (fixture, 999), ==, 999);
  g_assert_null (g_list_model_get_item (list, 1000));
  g_assert_cmpuint (fixture->requested->len, ==, 4);
  g_assert_cmpuint (fixture->pending->len, ==, 0);
}

static void
test_total_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (fixture->model);

  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);

  /* Rows were added on the server meanwhile: a later page says so. */
  fixture->total = 1010;
  g_assert_cmpuint (row_index (fixture, 120), ==, G_MAXUINT);
  answer (fixture, 100);
  g_assert_cmpuint (agent_paged_model_get_total (fixture->model), ==, 1010);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1010);
  g_assert_cmpuint (fixture->last_position, ==, 1000);
  g_assert_cmpuint (fixture->last_added, ==, 10);

  /* And rows went away. */
  fixture->total = 200;
  g_assert_cmpuint (row_index (fixture, 160), ==, G_MAXUINT);
  answer (fixture, 150);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 200);
  g_assert_cmpuint (fixture->last_position, ==, 200);
  g_assert_cmpuint (fixture->last_removed, ==, 810);
}

static void
test_reload (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (fixture->model);

  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);
  g_assert_cmpuint (row_index (fixture, 700), ==, G_MAXUINT);
  g_assert_cmpuint (fixture->pending->len, ==, 1);

  /* The query changes while page 700 is in flight. */
  fixture->total = 30;
  agent_paged_model_reload (fixture->model);
  g_assert_true (agent_paged_model_get_loading (fixture->model));
  /* The old rows stay on screen until the new first page arrives, without new requests. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);
  g_assert_cmpuint (row_index (fixture, 5), ==, 5);
  {
    guint before = fixture->requested->len;

    g_assert_cmpuint (row_index (fixture, 300), ==, G_MAXUINT);
    g_assert_cmpuint (fixture->requested->len, ==, before);
  }

  /* The old answer is dropped, although the fake server answers it (as cancelled). */
  answer (fixture, 700);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);
  g_assert_true (agent_paged_model_get_loading (fixture->model));

  /* Then every old row goes and the new ones come, in two emissions (one that removed and
   * added everything would have GTK's list views look at every new row). */
  fixture->changes = 0;
  answer (fixture, 0);
  g_assert_false (agent_paged_model_get_loading (fixture->model));
  g_assert_cmpuint (fixture->changes, ==, 2);
  g_assert_cmpuint (fixture->first_position, ==, 0);
  g_assert_cmpuint (fixture->first_removed, ==, 1000);
  g_assert_cmpuint (fixture->first_added, ==, 0);
  g_assert_cmpuint (fixture->n_items_at_first, ==, 0);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 30);
  g_assert_cmpuint (agent_paged_model_get_total (fixture->model), ==, 30);
  g_assert_cmpuint (row_index (fixture, 29), ==, 29);
  g_assert_null (g_list_model_get_item (list, 30));

  /* Empty result. */
  fixture->total = 0;
  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (agent_paged_model_get_total (fixture->model), ==, 0);
  g_assert_true (agent_paged_model_get_loaded (fixture->model));

  agent_paged_model_clear (fixture->model);
  g_assert_false (agent_paged_model_get_loaded (fixture->model));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (fixture->model);
  guint before;

  /* The first page fails: an empty model and the error, in words. */
  agent_paged_model_reload (fixture->model);
  fail (fixture, 0, "The server is down");
  g_assert_cmpuint (fixture->errors, ==, 1);
  g_assert_error (fixture->last_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (fixture->last_error->message, ==, "The server is down");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_false (agent_paged_model_get_loading (fixture->model));

  /* It comes back. */
  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);

  /* A later page fails: its placeholders stay, and it is not hammered again. */
  g_assert_cmpuint (row_index (fixture, 400), ==, G_MAXUINT);
  fail (fixture, 400, "Timed out");
  g_assert_cmpuint (fixture->errors, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);
  before = fixture->requested->len;
  g_assert_cmpuint (row_index (fixture, 401), ==, G_MAXUINT);
  g_assert_cmpuint (fixture->requested->len, ==, before);

  /* Until a reload. */
  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);
  g_assert_cmpuint (row_index (fixture, 401), ==, G_MAXUINT);
  g_assert_cmpuint (requested (fixture, fixture->requested->len - 1), ==, 400);
  answer (fixture, 400);
  g_assert_cmpuint (row_index (fixture, 401), ==, 401);
}

static void
test_undercounting_server (Fixture       *fixture,
                           gconstpointer  data)
{
  /* The first page always shows what was sent, even when the total says 0 (a quirk). */
  Pending *pending;
  FakePage *page;

  agent_paged_model_reload (fixture->model);
  pending = g_ptr_array_index (fixture->pending, 0);
  page = g_new0 (FakePage, 1);
  page->items = g_list_store_new (TEST_TYPE_ROW);
  page->total = 0;
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TestRow) row = g_object_new (TEST_TYPE_ROW, NULL);

      row->index = i;
      g_list_store_append (page->items, row);
    }
  g_task_return_pointer (pending->task, page, fake_page_free);
  g_ptr_array_remove_index (fixture->pending, 0);
  iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 3);
  g_assert_cmpuint (row_index (fixture, 2), ==, 2);
}

static void
test_viewport (Fixture       *fixture,
               gconstpointer  data)
{
  /* A view that says what it shows: reading items fetches nothing, the range does. */
  agent_paged_model_set_auto_fetch (fixture->model, FALSE);
  g_assert_false (agent_paged_model_get_auto_fetch (fixture->model));
  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);

  for (guint i = 0; i < 300; i++)
    (void) row_index (fixture, i);
  g_assert_cmpuint (fixture->requested->len, ==, 1);

  /* Rows 110–120 on screen: their page only (pages are 50 rows here). */
  agent_paged_model_ensure_range (fixture->model, 110, 120);
  g_assert_cmpuint (fixture->requested->len, ==, 2);
  g_assert_cmpuint (requested (fixture, 1), ==, 100);
  agent_paged_model_ensure_range (fixture->model, 111, 121);
  g_assert_cmpuint (fixture->requested->len, ==, 2);

  /* Straddling pages, ending in the second half of one: those and the next. */
  agent_paged_model_ensure_range (fixture->model, 290, 380);
  g_assert_cmpuint (fixture->requested->len, ==, 6);
  g_assert_cmpuint (requested (fixture, 2), ==, 250);
  g_assert_cmpuint (requested (fixture, 3), ==, 300);
  g_assert_cmpuint (requested (fixture, 4), ==, 350);
  g_assert_cmpuint (requested (fixture, 5), ==, 400);

  /* Past the end is clamped. */
  agent_paged_model_ensure_range (fixture->model, 990, 5000);
  g_assert_cmpuint (requested (fixture, fixture->requested->len - 1), ==, 950);
}

static void
test_reversed (Fixture       *fixture,
               gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (fixture->model);

  /* The server sorts one way; reversed, row i is the server's row (total − 1 − i). */
  agent_paged_model_set_reversed (fixture->model, TRUE);
  g_assert_true (agent_paged_model_get_reversed (fixture->model));
  agent_paged_model_reload (fixture->model);

  /* First the first server page, for the total, then the server's last page. */
  g_assert_cmpuint (fixture->requested->len, ==, 1);
  g_assert_cmpuint (requested (fixture, 0), ==, 0);
  answer (fixture, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_true (agent_paged_model_get_loading (fixture->model));
  g_assert_cmpuint (fixture->requested->len, ==, 2);
  g_assert_cmpuint (requested (fixture, 1), ==, 950);
  answer (fixture, 950);
  g_assert_false (agent_paged_model_get_loading (fixture->model));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1000);
  g_assert_cmpuint (agent_paged_model_get_total (fixture->model), ==, 1000);
  for (guint i = 0; i < 50; i++)
    g_assert_cmpuint (row_index (fixture, i), ==, 999 - i);

  /* Reading on asks for the slices before, from the end. */
  g_assert_cmpuint (row_index (fixture, 60), ==, G_MAXUINT);
  g_assert_cmpuint (requested (fixture, fixture->requested->len - 1), ==, 900);
  answer (fixture, 900);
  g_assert_cmpuint (row_index (fixture, 60), ==, 939);

  /* The last rows: the server's first. */
  g_assert_cmpuint (row_index (fixture, 999), ==, G_MAXUINT);
  g_assert_cmpuint (requested (fixture, fixture->requested->len - 1), ==, 0);
  answer (fixture, 0);
  g_assert_cmpuint (row_index (fixture, 999), ==, 0);
  g_assert_cmpuint (row_index (fixture, 950), ==, 49);

  /* A total that is no multiple of the page: the last model page is the short one. */
  fixture->total = 120;
  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);
  g_assert_cmpuint (requested (fixture, fixture->requested->len - 1), ==, 70);
  answer (fixture, 70);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 120);
  g_assert_cmpuint (row_index (fixture, 0), ==, 119);
  g_assert_cmpuint (row_index (fixture, 100), ==, G_MAXUINT);
  /* Model page 2 is server rows 0–19. */
  g_assert_cmpuint (requested (fixture, fixture->requested->len - 1), ==, 0);
  {
    Pending *pending = g_ptr_array_index (fixture->pending, fixture->pending->len - 1);

    g_assert_cmpuint (pending->limit, ==, 20);
  }
  answer (fixture, 0);
  g_assert_cmpuint (row_index (fixture, 100), ==, 19);
  g_assert_cmpuint (row_index (fixture, 119), ==, 0);

  /* What one page holds is all there is: one request. */
  fixture->total = 30;
  {
    guint before = fixture->requested->len;

    agent_paged_model_reload (fixture->model);
    answer (fixture, 0);
    g_assert_cmpuint (fixture->requested->len, ==, before + 1);
  }
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 30);
  g_assert_cmpuint (row_index (fixture, 0), ==, 29);
  g_assert_cmpuint (row_index (fixture, 29), ==, 0);

  /* Back to the server's order: a reload, by itself. */
  {
    guint before = fixture->requested->len;

    agent_paged_model_set_reversed (fixture->model, FALSE);
    g_assert_cmpuint (fixture->requested->len, ==, before + 1);
    answer (fixture, 0);
  }
  g_assert_cmpuint (row_index (fixture, 0), ==, 0);
  g_assert_cmpuint (row_index (fixture, 29), ==, 29);
}

/* A list widget: the row labels show the rows' indexes. */
static void
on_label_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
on_label_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  TestRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (!agent_paged_model_is_placeholder (row))
    text = g_strdup_printf ("%u", row->index);
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text ? text : "…");
}

static GtkWidget *
first_visible_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_ascii_isdigit (*gtk_label_get_label (GTK_LABEL (child))))
        return child;
      if ((found = first_visible_label (child)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_row (GtkWidget  *view,
           const char *text)
{
  GtkWidget *label = first_visible_label (view);

  return label != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) == 0;
}

static void
wait_for (gboolean (*condition) (GtkWidget *, const char *),
          GtkWidget  *view,
          const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (view, text))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
on_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_reload_in_column_view (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;
  GtkColumnViewColumn *column;
  GtkWidget *window, *scrolled, *view;
  guint before, tick;

  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return;
    }
  /* Keep the main loop turning while waiting for frames. */
  tick = g_timeout_add (10, on_tick_cb, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (on_label_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_label_bind_cb), NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (fixture->model)));
  view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  column = gtk_column_view_column_new ("Row", g_object_ref (factory));
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
  g_object_unref (column);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 400);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));

  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);
  wait_for (shows_row, view, "0");

  /* A new query with other rows, while the list shows (and follows) the old ones. */
  fixture->total = 500;
  fixture->offset = 10000;
  before = fixture->requested->len;
  agent_paged_model_reload (fixture->model);
  answer (fixture, 0);
  wait_for (shows_row, view, "10000");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 500);

  /* The list asked for the rows it shows, not for every row of the answer (one emission
   * that removed and added everything had GTK 4.8 read all 500 and fetch all 10 pages). */
  g_assert_cmpuint (fixture->requested->len - before, <=, 6);

  gtk_window_destroy (GTK_WINDOW (window));
  g_source_remove (tick);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/agent/paged-model/on-demand", Fixture, NULL,
              fixture_setup, test_on_demand, fixture_teardown);
  g_test_add ("/agent/paged-model/total-changes", Fixture, NULL,
              fixture_setup, test_total_changes, fixture_teardown);
  g_test_add ("/agent/paged-model/reload", Fixture, NULL,
              fixture_setup, test_reload, fixture_teardown);
  g_test_add ("/agent/paged-model/errors", Fixture, NULL,
              fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/agent/paged-model/undercounting-server", Fixture, NULL,
              fixture_setup, test_undercounting_server, fixture_teardown);

  g_test_add ("/agent/paged-model/viewport", Fixture, NULL,
              fixture_setup, test_viewport, fixture_teardown);
  g_test_add ("/agent/paged-model/reversed", Fixture, NULL,
              fixture_setup, test_reversed, fixture_teardown);
  g_test_add ("/agent/paged-model/reload-in-column-view", Fixture, NULL,
              fixture_setup, test_reload_in_column_view, fixture_teardown);

  return g_test_run ();
}
