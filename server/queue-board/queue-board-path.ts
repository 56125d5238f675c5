/** Where operators open the queue board (outside `/api`: it is a page, not the API). */
export const QUEUE_BOARD_PATH = '/admin/queues';
